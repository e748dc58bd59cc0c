"""The certificate pages: `public` (a delegate's own certificate, by their link)."""
