"""Languages: which locale a request gets, the switcher, and locale-aware date/time filters."""
