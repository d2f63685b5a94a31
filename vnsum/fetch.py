"""Fetching a news page by its URL, carefully: a timeout, a size cap, redirects followed
(http and https only), the proxy of ``HTTP(S)_PROXY``/``NO_PROXY`` (urllib reads them), and
every failure one ``InputError`` line — an HTTP error, a reply that is not a web page, a page
over the cap, or no connection at all ("no network?")."""

from __future__ import annotations

import http.client
import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from vnsum.errors import InputError

#: The largest page read (bytes); env ``VNSUM_MAX_PAGE_BYTES``. News pages are well under 5 MB.
MAX_PAGE_BYTES = 10_000_000
#: Seconds to wait for a connection and for each read.
TIMEOUT = 20.0
#: Seconds a whole page may take to arrive (a server that drips bytes never hits TIMEOUT).
DEADLINE = 120.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_URL = re.compile(r"^https?://[^\s/?#]+", re.I)


@dataclass(frozen=True)
class FetchedPage:
    """A page's bytes, the URL it came from (after redirects) and the charset its server named."""

    url: str
    data: bytes
    charset: str | None


def is_url(text: str) -> bool:
    """An http(s) URL with a host: what ``fetch_page`` takes."""
    return bool(_URL.match(text.strip()))


def max_page_bytes() -> int:
    try:
        return max(1, int(os.environ.get("VNSUM_MAX_PAGE_BYTES", MAX_PAGE_BYTES)))
    except ValueError:
        return MAX_PAGE_BYTES


def fetch_page(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None) -> FetchedPage:
    """The page at ``url``: an ``InputError`` naming the URL for a 4xx/5xx reply, a reply
    that is not HTML, one over ``max_bytes``, a timeout or a failed connection."""
    limit = max_page_bytes() if max_bytes is None else max_bytes
    request = urllib.request.Request(url, headers={"User-Agent": "vnsum (news translation)", "Accept": "text/html,application/xhtml+xml"})
    try:
        # A fresh opener each time: it reads HTTP(S)_PROXY and NO_PROXY as they are now.
        with urllib.request.build_opener(_HttpOnlyRedirects).open(request, timeout=timeout) as reply:
            final = reply.geturl()
            kind = reply.headers.get_content_type()
            if kind not in _HTML_TYPES:
                raise InputError(f"{url}: the reply is {kind}, not a web page")
            length = reply.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise InputError(f"{url}: the page is {int(length):,} bytes, over the {limit:,} a page may have (VNSUM_MAX_PAGE_BYTES)")
            data = _read(reply, limit + 1, url)
            if len(data) > limit:
                raise InputError(f"{url}: the page is over the {limit:,} bytes a page may have (VNSUM_MAX_PAGE_BYTES)")
            return FetchedPage(final, data, reply.headers.get_content_charset())
    except urllib.error.HTTPError as e:
        raise InputError(f"{url}: HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError):
            raise InputError(f"{url}: no answer in {timeout:g} s (no network?)") from None
        raise InputError(f"{url}: cannot connect ({_why(reason)}; no network?)") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer in {timeout:g} s (no network?)") from None
    except (OSError, ValueError, http.client.HTTPException) as e:  # a reset connection, a malformed URL or reply
        raise InputError(f"{url}: cannot fetch ({_why(e)})") from None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects to http(s) only (urllib also follows them to ftp)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not is_url(newurl) and not newurl.startswith("/"):
            raise InputError(f"{req.full_url}: redirected to {newurl}, not an http(s) page")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read(reply: Any, most: int, url: str) -> bytes:
    """Up to ``most`` bytes of the reply, within ``DEADLINE`` seconds."""
    chunks: list[bytes] = []
    size, start = 0, time.monotonic()
    while size < most:
        chunk = reply.read(min(65536, most - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() - start > DEADLINE:
            raise InputError(f"{url}: the page did not arrive in {DEADLINE:g} s")
    return b"".join(chunks)


def _why(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return " ".join(str(reason).split()) or type(reason).__name__
