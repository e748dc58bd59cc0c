"""The signed links a registration hands out (`tokens.py`), what they open (`opened.py`), and the pages the
"my registration" link opens: see, change, cancel, take an offer, have the link sent again (`views.py`)."""
