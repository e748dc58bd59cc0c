"""The personal agenda's pages: "my agenda", and the bookmark and seat buttons (public.py)."""
