from __future__ import annotations

from flask import Blueprint

bp = Blueprint("accounts_cli", __name__, cli_group=None)
