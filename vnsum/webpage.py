"""Web pages: telling HTML from text, decoding it by its declared charset, and taking the
article out of it (title, date, paragraphs) with trafilatura, so that menus, share buttons,
related links, comments, cookie banners and scripts never reach a model.

``markup_runs`` serves ``raw`` reading instead: the page is kept whole and only the text
between its tags is translated; tags, comments, scripts and styles pass through untouched.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from vnsum.errors import InputError
from vnsum.textio import decode_bytes, normalize_text

#: File suffixes read as web pages.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|span|a|meta|title|script|h[1-6])\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# A tag, a comment, a doctype, or a whole script/style element (their text is code, not prose),
# with the whitespace around them: what passes through untouched in raw reading.
_MARKUP = re.compile(
    r"(?:\s*(?:<!--.*?(?:-->|\Z)|<script\b.*?(?:</script\s*>|\Z)|<style\b.*?(?:</style\s*>|\Z)|<[!?/]?[a-zA-Z][^>]*>?))+\s*",
    re.I | re.S,
)


@dataclass(frozen=True)
class WebArticle:
    """The article of a web page: its title, publication date (``YYYY-MM-DD``) and paragraphs."""

    title: str | None
    date: str | None
    paragraphs: tuple[str, ...]
    url: str | None = None

    @property
    def text(self) -> str:
        """The document vnsum reads: the title as the first paragraph (the headline the
        summarizer compares sentences with), the date on its own line (a passthrough line:
        shown, never translated), then the paragraphs, blank lines between."""
        head = [x for x in (self.title, self.date) if x]
        body = list(self.paragraphs)
        if self.title and body and body[0].strip() == self.title.strip():
            body = body[1:]
        return "\n\n".join(head + body)


def looks_like_html(data: bytes) -> bool:
    """A page by its content: it starts like one (doctype, ``<html>``, ``<head>``, ``<body>``)
    or is dense with the common tags (a saved fragment)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 3 and head.lstrip()[:1] == b"<"


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or the http-equiv
    content type), if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "replace")).name
    except LookupError:
        return None


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """A page's text: by ``charset`` (the server's Content-Type), else the one the page
    declares, else as any text (BOM, UTF-8, cp1258). Bytes that are valid UTF-8 are read as
    UTF-8 whatever is declared: pages re-saved as UTF-8 often still say windows-1258, and
    text in a single-byte charset is almost never valid UTF-8 by chance."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _valid_utf8(data):
        return decode_bytes(data, name)  # the bytes say it; an ASCII-compatible declaration would only garble them
    for encoding in (charset, declared_charset(data)):
        if encoding:
            try:
                return normalize_text(data.decode(encoding))
            except (UnicodeDecodeError, LookupError):
                continue
    return decode_bytes(data, name)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def extract_article(html: str, name: str, url: str | None = None) -> WebArticle:
    """The article of a page: main text in paragraphs, title and date (trafilatura, comments
    and boilerplate excluded). ``InputError`` when the page has no article text."""
    try:
        import trafilatura  # lxml and its kin: loaded only when a page is read
    except ImportError as e:
        raise InputError(f"reading web pages needs trafilatura ({e}): pip install 'trafilatura>=2' lxml_html_clean") from None

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=True, with_metadata=True, deduplicate=False)
    found = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    paragraphs = tuple(normalize_text(" ".join(p.split())) for p in (found.get("text") or "").split("\n") if p.strip())
    if not paragraphs:
        raise InputError(f"{name}: no article text found in this web page")
    title = normalize_text(" ".join(found["title"].split())) if found.get("title") else None
    return WebArticle(title, found.get("date") or None, paragraphs, url)


def markup_runs(html: str) -> list[tuple[str, bool]]:
    """``html`` cut into runs, in order, each ``(text, is_markup)``: markup runs (tags,
    comments, scripts, styles and the whitespace around them) and the text between them.
    Joined, they give ``html`` back exactly."""
    runs: list[tuple[str, bool]] = []
    pos = 0
    for m in _MARKUP.finditer(html):
        if not m.group():
            continue
        if m.start() > pos:
            runs.append((html[pos : m.start()], False))
        runs.append((m.group(), True))
        pos = m.end()
    if pos < len(html):
        runs.append((html[pos:], False))
    return runs
