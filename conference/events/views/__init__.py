"""The events pages: `public` (the conference list, a conference's home and pages), `manage` (the
organiser's overview, details, pages, team and activity) and `admin` (the site admin's conferences)."""
