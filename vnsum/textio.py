"""Reading input robustly: bytes from a file or stdin to clean NFC text.

Vietnamese text arrives in many shapes: UTF-8 with or without BOM, UTF-16 from Windows
tools, the legacy Windows code page cp1258 (with combining tone marks), and decomposed
Unicode (NFD) from macOS. Every path ends in NFC with ``\\n`` line ends, because the
tokenizers treat NFD Vietnamese badly (the second accent of "Đồng" is lost).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from vnsum.errors import InputError, OutputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that are control characters in every text encoding we accept.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_STRAY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BINARY_BYTES = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no stray BOM; a stray control character (a backspace
    pasted from a CMS) becomes a space, since tokenizers choke on it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _STRAY_CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode bytes as UTF-8/UTF-16/UTF-32 (by BOM), UTF-8, or cp1258, and normalise.

    Raises InputError for empty, binary or undecodable data.
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{name} starts with a {encoding} byte-order mark but is not valid {encoding}: {e.reason} at byte {e.start}"
                ) from None
            if len(_STRAY_CONTROL.findall(text[:65536])) > 0.01 * min(len(text), 65536):
                raise InputError(f"{name} looks like a binary file, not text")
            return _checked(normalize_text(text), name)
    if _looks_binary(data):
        raise InputError(f"{name} looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if len(_UTF8_MULTIBYTE.findall(data)) >= 3:
            # Mostly UTF-8 with a damaged byte: decoding it as cp1258 would invent mojibake.
            raise InputError(f"{name} is not valid UTF-8: damaged byte at offset {utf8_error.start}") from None
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            raise InputError(f"{name} is not valid UTF-8 (byte {utf8_error.start}) nor cp1258; convert it to UTF-8 first") from None
        if not _plausible_text(text):
            raise InputError(f"{name} is not valid UTF-8 (byte {utf8_error.start}) and does not look like cp1258 text") from None
    return _checked(normalize_text(text), name)


def _looks_binary(data: bytes) -> bool:
    """More NUL bytes than a stray one per kilobyte, or more control bytes than a few strays:
    real text has at most a handful (a NUL pasted from a CMS becomes a space); binary files
    and UTF-16 without a byte-order mark are full of them."""
    sample = data[:65536]
    controls = sum(b in _BINARY_BYTES for b in sample)
    return sample.count(0) > max(1, len(sample) // 1000) or controls > max(4, len(sample) // 100)


def _plausible_text(text: str) -> bool:
    """A cp1258 decoding is accepted only if it reads as letters, marks and punctuation."""
    odd = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn", "So", "Sk") and ch not in "\n\r\t")
    return odd / max(1, len(text)) < 0.02


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text


def read_input(path: str | Path) -> tuple[str, str | None]:
    """Read a file, or standard input for ``-``; return (text, display name or None)."""
    if str(path) == "-":
        if sys.stdin is None:
            raise InputError("no standard input to read")
        return decode_bytes(sys.stdin.buffer.read(), "standard input"), None
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p} is a directory; use `vnsum batch` for folders")
    return decode_bytes(read_bytes(p), str(p)), p.name


def read_bytes(path: Path, name: str | None = None, *, missing: str = "no such file") -> bytes:
    """The bytes of a file; a missing, forbidden or unreadable one is an ``InputError``
    naming it as ``name`` (default: the path), ``missing`` saying what a missing file is."""
    label = str(path) if name is None else name
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: {missing}") from None
    except IsADirectoryError:
        raise InputError(f"{label} is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except OSError as e:
        raise InputError(f"{label}: cannot read ({e.strerror or e})") from None


_UMASK_LOCK = threading.Lock()


def new_file_mode(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` would leave: an existing file keeps its own, a new
    one gets ``0o666 & ~umask`` (a temp file is always 0600, which would hide a report)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    with _UMASK_LOCK:  # the umask can only be read by setting it
        umask = os.umask(0o077)
        os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, text: str | Iterable[str], *, durable: bool = True) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends; or its pieces, as they come) to a temp file
    beside ``path``, then rename it over ``path``: readers see the old file or the whole new one, never a part. ``durable``:
    fsync before the rename, so a crash cannot leave an empty file in its place. The file
    gets the mode a plain write would give it (``new_file_mode``). A failure is an
    ``OutputError`` naming ``path``."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = new_file_mode(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            for piece in [text] if isinstance(text, str) else text:
                stream.write(piece)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(f"cannot write {path}: {_reason(e)}") from e
        raise


def make_folder(path: Path) -> None:
    """``mkdir -p``; a failure is an ``OutputError`` naming ``path``."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the folder {path}: {_reason(e)}") from e


def check_writable(path: Path, *, folder: bool = False) -> None:
    """Refuse, before any work, an output that could not be written: ``path`` is a file to
    write (its folder must exist) or, with ``folder``, a folder to create or fill (its
    nearest existing ancestor must be a writable folder). Tried by creating a temp file."""
    where = path if folder else path.parent
    existing = where
    while not existing.exists() and existing.parent != existing:
        if existing.is_symlink():
            raise OutputError(f"cannot write {path}: {existing} is a broken link")
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write {path}: {existing} is a file, not a folder")
    if existing != where and not folder:
        raise OutputError(f"cannot write {path}: {where}: no such folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=".vnsum-probe.", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise OutputError(f"cannot write {path}: {existing} is not writable ({_reason(e)})") from None


def _reason(error: OSError) -> str:
    """An OS error's reason without the file name it carries (a temp name means nothing to the user)."""
    return error.strerror.lower() if error.strerror else type(error).__name__
