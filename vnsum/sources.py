"""Where a document comes from — a file, standard input, or a URL — turned into the text
vnsum reads. A page (by its suffix or its content) gives its article (``vnsum.webpage``);
``raw`` keeps the whole page, whose tags then pass through untranslated (``Source.markup``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from vnsum.errors import InputError
from vnsum.fetch import fetch_page, is_url
from vnsum.textio import decode_bytes, read_bytes
from vnsum.webpage import HTML_SUFFIXES, WebArticle, decode_html, extract_article, looks_like_html


@dataclass(frozen=True)
class Source:
    """A document's text and where it came from. ``markup``: a page read raw (its tags stay
    and never reach a model); ``article``: what was taken out of a page, else ``None``."""

    text: str
    name: str | None
    markup: bool = False
    article: WebArticle | None = None

    @property
    def note(self) -> str | None:
        """One line on what was read from a page, for the user (``None`` for plain text)."""
        if self.article is not None:
            a = self.article
            what = f"{len(a.paragraphs)} paragraph{'s' if len(a.paragraphs) != 1 else ''}"
            dated = f", dated {a.date}" if a.date else ""
            titled = f" {a.title!r}" if a.title else ""
            page = f"{self.name or 'the input'} is a web page"
            return f"{page}: read its article{titled}{dated} ({what}); menus, links, comments and scripts left out"
        if self.markup:
            return f"{self.name or 'the input'} is a web page read raw: its tags, scripts and styles pass through untranslated"
        return None


def source_from_bytes(
    data: bytes,
    name: str,
    *,
    suffix: str = "",
    raw: bool = False,
    charset: str | None = None,
    url: str | None = None,
    display: str | None = None,
) -> Source:
    """The document in ``data``: a web page (an HTML suffix, or HTML content) gives its
    article, or with ``raw`` its whole text with tags kept; anything else is text.
    ``name`` words errors; ``display`` is the source name results carry (default ``name``)."""
    shown = name if display is None else display
    if suffix.lower() in HTML_SUFFIXES or looks_like_html(data):
        html = decode_html(data, name, charset)
        if raw:
            return Source(html, shown, markup=True)
        article = extract_article(html, name, url)
        return Source(article.text, shown, article=article)
    return Source(decode_bytes(data, name), shown)


def read_source(path: str | Path, *, raw: bool = False) -> Source:
    """Read a file, standard input for ``-``, or the page at an http(s) URL; a web page
    gives its article (see ``source_from_bytes``). Errors are ``InputError`` naming the input."""
    if isinstance(path, str) and is_url(path):
        page = fetch_page(path)
        return source_from_bytes(page.data, path, suffix=".html", raw=raw, charset=page.charset, url=page.url)
    if str(path) == "-":
        if sys.stdin is None:
            raise InputError("no standard input to read")
        return replace(source_from_bytes(sys.stdin.buffer.read(), "standard input", raw=raw), name=None)
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p} is a directory; use `vnsum batch` for folders")
    return source_from_bytes(read_bytes(p), str(p), suffix=p.suffix, raw=raw, display=p.name)
