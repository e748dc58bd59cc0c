"""Badges: signed badge codes, badge PDFs (single and bulk), certificates of attendance."""
