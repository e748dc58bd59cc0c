from __future__ import annotations

from flask import Blueprint

bp = Blueprint("demo_cli", __name__, cli_group=None)
