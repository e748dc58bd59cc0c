"""Demo content: `flask seed-demo` builds the APLC Founding Assembly (from the welcome messages of the
Alliance for Asia-Pacific Learning Cities), an upcoming APLC forum dated from today, and demo log-ins.

`seed.py` is the builder (`seed_demo(today)`); `assembly.py`, `assembly_agenda.py`, `forum.py` and
`welcome_messages.py` hold the content as plain data; `cli.py` is the command.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the demo blueprints."""
    from conference.demo import cli

    for module in (cli,):
        app.register_blueprint(module.bp)
