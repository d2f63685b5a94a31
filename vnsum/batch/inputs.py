"""The inputs of a batch: discovering a folder's files, reading JSON Lines, turning ids
into safe names, and refusing INPUT/OUT_DIR pairs that could modify inputs."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from vnsum.batch.options import DEFAULT_GLOBS, MANIFEST
from vnsum.errors import InputError, one_line
from vnsum.textio import check_writable, read_bytes

if TYPE_CHECKING:
    from vnsum.sources import Source

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(slots=True)
class Item:
    """One input: a file of the folder, or one line of a JSON Lines file (whose text is read
    when the article is prepared, from ``offset``: a large file is never held whole)."""

    key: str  # the manifest's ``path``: relative to INPUT_DIR, or the safe name of a JSON Lines id
    stem: str = ""  # output path without suffixes, relative to OUT_DIR (posix)
    path: Path | None = None  # the file (folder input)
    text: str | None = None  # the text (JSON Lines input)
    id: str | None = None  # the JSON Lines id as given
    line: int | None = None
    error: str | None = None  # known to fail before reading (bad JSON line, link out of INPUT_DIR)
    sha256: str | None = None
    url: str | None = None  # the page (a list of URLs)
    charset: str | None = None  # the charset the page's server named, once fetched
    offset: int | None = None  # where the line starts in ``path`` (a JSON Lines file)

    def load(self) -> bytes:
        if self.text is not None:
            return self.text.encode("utf-8", "surrogatepass")
        if self.offset is not None and self.path is not None:
            return _jsonl_text(self.path, self.offset, self.line).encode("utf-8", "surrogatepass")
        if self.url is not None:
            from vnsum.fetch import fetch_page

            page = fetch_page(self.url)
            self.charset = page.charset
            return page.data
        if self.path is None:
            return b""
        return read_bytes(self.path, self.key, missing="no such file (removed during the run?)")

    def decode(self, data: bytes) -> Source:
        """The article's text; a web page (by suffix or content) gives its article."""
        from vnsum.sources import Source, source_from_bytes

        if self.text is not None or self.offset is not None:
            return Source(self.text if self.text is not None else data.decode("utf-8", "surrogatepass"), self.key)
        if self.url is not None:
            return source_from_bytes(data, self.url, suffix=".html", charset=self.charset, url=self.url)
        return source_from_bytes(data, self.key, suffix=PurePosixPath(self.key).suffix)

    @property
    def display(self) -> str:
        return self.key if self.id is None else f"{self.key} (id {self.id!r}, line {self.line})"


_UNSAFE = re.compile(r"[^\w\-. ]+")  # \w is Unicode-aware: Vietnamese letters stay
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_MAX_PART_BYTES = 150  # leaves room for ".summary.vi.json" and a "-123" within 255 bytes
_MAX_PARTS = 8


def safe_name(ident: object) -> str:
    """A relative posix path made from a JSON Lines id that cannot leave OUT_DIR.

    Slashes (and backslashes) keep making folders, but ``..``, ``.``, empty parts and
    absolute prefixes go; characters other than letters (Vietnamese included), digits,
    ``-_. `` and spaces become ``_``; no part starts with a dot (no hidden files) or ends
    with a dot or space; parts are capped in bytes; Windows device names get a ``_``.
    """
    text = unicodedata.normalize("NFC", str(ident)).replace("\\", "/")
    parts = []
    for raw in text.split("/"):
        part = " ".join(_UNSAFE.sub("_", raw).split()).strip(" .")
        while len(part.encode("utf-8")) > _MAX_PART_BYTES:
            part = part[:-1]
        part = part.rstrip(" .")
        if not part:
            continue
        if part.split(".")[0].upper() in _WINDOWS_RESERVED:
            part = "_" + part
        parts.append(part)
    return "/".join(parts[-_MAX_PARTS:]) or "item"


def check_paths(input_path: str | Path, out_dir: str | Path) -> None:
    """Refuse what could modify inputs (OUT_DIR equal to INPUT_DIR or containing it) and an
    OUT_DIR that could not be written (a file in its path, a read-only folder): before any work."""
    if str(input_path) == "-":
        if Path(out_dir).exists() and not Path(out_dir).is_dir():
            raise InputError(f"{out_dir} exists and is not a folder")
        check_writable(Path(out_dir), folder=True)
        return
    src, out = Path(input_path), Path(out_dir)
    if not src.exists():
        raise InputError(f"{src}: no such folder or file")
    if src.is_file() and src.suffix.lower() not in JSONL_SUFFIXES and url_list(src) is None:
        raise InputError(
            f"{src} is a file: give a folder, a JSON Lines file (.jsonl) with one {{id, text}} per line, or a list of URLs, one a line"
        )
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder")
    src_real, out_real = src.resolve(), out.resolve()
    if src.is_dir():
        if out_real == src_real:
            raise InputError("the output folder must not be the input folder (inputs are never modified)")
        if src_real.is_relative_to(out_real):
            raise InputError(f"the output folder {out} contains the input folder: outputs could overwrite inputs")
    elif src_real == out_real / MANIFEST:
        raise InputError(f"{src} is the manifest of the output folder: it would be overwritten")
    check_writable(out, folder=True)


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    rel_l = rel.lower()
    name = rel_l.rsplit("/", 1)[-1]
    for pattern in patterns:
        p = pattern.lower()
        if "/" in p:
            if fnmatch.fnmatchcase(rel_l, p) or (p.startswith("**/") and fnmatch.fnmatchcase(rel_l, p[3:])):
                return True
        elif fnmatch.fnmatchcase(name, p):
            return True
    return False


def discover(input_path: str | Path, out_dir: str | Path, patterns: Sequence[str] = DEFAULT_GLOBS) -> list[Item]:
    """The inputs, in a stable order: a folder's matching files (recursive), or JSON Lines items."""
    if str(input_path) == "-":
        if sys.stdin is None:
            raise InputError("no standard input to read")
        return _jsonl_items(sys.stdin.buffer.read().split(b"\n"))
    src = Path(input_path)
    if src.is_file():
        urls = url_list(src)
        return _jsonl_file_items(src) if urls is None else _url_items(urls)
    return _folder_items(src, Path(out_dir), patterns)


def _folder_items(src: Path, out_dir: Path, patterns: Sequence[str]) -> list[Item]:
    root, out_real = src.resolve(), out_dir.resolve()
    items: list[Item] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        # Not entered: hidden folders, linked folders (never followed), and OUT_DIR itself.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not (here / d).is_symlink() and (here / d).resolve() != out_real
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            if not _matches(rel, patterns):
                continue
            item = Item(key=rel, path=path)
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    item.error = f"{rel} is a link to outside the input folder; not followed"
                elif target.is_relative_to(out_real):
                    continue
            if not item.error and not path.is_file():
                item.error = f"{rel} is not a regular file"
            items.append(item)
    items.sort(key=lambda i: i.key)
    return items


def url_list(path: Path) -> list[str] | None:
    """The URLs of a text file that lists only http(s) URLs, one a line (blank lines and
    ``#`` comments aside); ``None`` for any other file."""
    from vnsum.fetch import is_url

    if path.suffix.lower() in JSONL_SUFFIXES:
        return None
    try:
        lines = [line.strip() for line in read_bytes(path).decode("utf-8-sig").splitlines()]
    except (InputError, UnicodeDecodeError):
        return None
    urls = [line for line in lines if line and not line.startswith("#")]
    return urls if urls and all(is_url(u) and len(u.split()) == 1 for u in urls) else None


def url_stem(url: str) -> str:
    """Output names from a URL's host and path: ``https://vnexpress.net/the-gioi/bai-123.html``
    gives ``vnexpress.net/the-gioi/bai-123`` (the query too, when the path alone is bare)."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    path = PurePosixPath(unquote(parts.path))
    path = path.with_suffix("") if path.suffix.lower() in (".html", ".htm", ".shtml", ".php", ".aspx") else path
    name = f"{parts.hostname or 'page'}/{path.as_posix().strip('/')}"
    if parts.query and not path.as_posix().strip("/"):
        name += "_" + parts.query
    return name


def _url_items(urls: list[str]) -> list[Item]:
    """One item per URL, in the list's order (a URL given twice is taken once)."""
    return [Item(key=url, url=url) for url in dict.fromkeys(urls)]


def _jsonl_file_items(path: Path) -> list[Item]:
    """The items of a JSON Lines file, read line by line; each keeps where its line starts,
    not its text."""
    try:
        with path.open("rb") as stream:
            offsets: list[int] = []

            def lines() -> Iterator[bytes]:
                offset = 0
                for raw in stream:
                    offsets.append(offset)
                    offset += len(raw)
                    yield raw.rstrip(b"\n")

            items = _jsonl_items(lines(), keep_text=False)
    except OSError as e:
        raise InputError(f"{path}: cannot read ({one_line(e)})") from None
    for item in items:
        assert item.line is not None
        item.path, item.offset = path, offsets[item.line - 1]
    return items


def _jsonl_text(path: Path, offset: int, line: int | None) -> str:
    """The text of the line at ``offset`` (checked when the file was discovered)."""
    try:
        with path.open("rb") as stream:
            stream.seek(offset)
            raw = stream.readline()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({one_line(e)})") from None
    if offset == 0 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        obj = None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError(f'line {line}: changed during the run (no longer an object with a "text" string)')
    return obj["text"]


def _jsonl_items(lines: Iterable[bytes], *, keep_text: bool = True) -> list[Item]:
    items: list[Item] = []
    for n, raw in enumerate(lines, 1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        item = Item(key=f"line-{n}", id=f"line-{n}", line=n)
        try:
            obj = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            item.error = f"line {n}: not valid JSON ({one_line(e)})"
            items.append(item)
            continue
        if not isinstance(obj, dict):
            item.error = f'line {n}: expected an object like {{"id": …, "text": …}}'
        else:
            if obj.get("id") not in (None, ""):
                item.id = obj["id"] if isinstance(obj["id"], str) else json.dumps(obj["id"], ensure_ascii=False)
            if not isinstance(obj.get("text"), str):
                item.error = f'line {n}: no "text" string'
            elif keep_text:
                item.text = obj["text"]
        items.append(item)
    return items
