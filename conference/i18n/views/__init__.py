"""The languages pages: `public` (the language switcher's /lang/<code>)."""
