"""The badge pages: `public` (a delegate's own badge, by their link) and `manage` (bulk printing runs, one
delegate's badge, re-issuing a lost one)."""
