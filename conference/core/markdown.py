"""Markdown to safe HTML: markdown-it-py renders, nh3 removes anything that could run or restyle."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}


@lru_cache(maxsize=2048)
def render_markdown(text: str | None) -> Markup:
    """Render Markdown; the result contains no script, style, iframe or event handler."""
    if not text:
        return Markup("")
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def plain_text(text: str | None, limit: int = 200) -> str:
    """A one-paragraph plain-text excerpt of Markdown, for cards and meta descriptions."""
    if not text:
        return ""
    stripped = nh3.clean(_md.render(text), tags=set()).replace("\n", " ").strip()
    return stripped if len(stripped) <= limit else stripped[: limit - 1].rsplit(" ", 1)[0] + "…"
