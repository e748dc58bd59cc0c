"""The accounts pages: `public` (sign-up, log-in, password reset, the account page)."""
