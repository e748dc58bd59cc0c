"""The check-in pages: `api` (the scanners' JSON API), `public` (the scanning page and the pairing page a
volunteer's phone opens) and `manage` (the organisers' live dashboard and paired devices)."""
