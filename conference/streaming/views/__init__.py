"""The streaming pages: `public` (Live now, a session's join page, the player page) and `manage` (channels
per room and day and per session, recordings, the stream board)."""
