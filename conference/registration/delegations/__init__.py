"""Delegations: a contact registers several delegates of one city or organisation in one go (the form and
`services.py`), then manages the group from the page their signed link opens (`views.py`)."""
