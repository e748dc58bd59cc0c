"""The media pages: `public` (uploaded images served from /media/<name>)."""
