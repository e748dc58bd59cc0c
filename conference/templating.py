"""What every template can use: Markdown, the current conference, the language switcher's choices.

(Each capability registers its own filters and labels in its `init_app`.)
"""

from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_babel import get_locale

from conference.core.markdown import plain_text, render_markdown


def register_template_helpers(app: Flask) -> None:
    app.add_template_filter(render_markdown, "markdown")
    app.add_template_filter(plain_text, "excerpt")

    @app.context_processor
    def common():
        return {
            "languages": current_app.config["LANGUAGES"],
            "current_locale": str(get_locale() or "en"),
            "current_path": request.full_path.rstrip("?") if request else "/",
            "conference": g.get("conference"),
        }
