"""Output writers: render a finished ``Translation`` or ``Summary`` in one of several formats.

Views only render. Everything they show was decided by the translator or the
summarizer and stored in the result; nothing here recomputes it, so every format
tells the same story. ``write`` picks the writers by the result's type
(``views.translation`` or ``views.summary``) and the format by name, in the style of
whisper's ``get_writer``, so the CLI just passes ``--format`` through.
"""

from __future__ import annotations

from typing import TextIO

from vnsum.formats import FORMATS
from vnsum.result import Translation
from vnsum.summary import Summary
from vnsum.views import summary as _summary
from vnsum.views import translation as _translation

__all__ = ["FORMATS", "write"]


def write(
    result: Translation | Summary,
    fmt: str,
    stream: TextIO,
    *,
    color: bool = False,
    width: int | None = None,
) -> None:
    """Write ``result`` to ``stream`` in format ``fmt`` (one of ``FORMATS``).

    ``color`` and ``width`` only matter for ``view``; the other formats are meant
    for pipes and files and are always plain.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    if isinstance(result, Summary):
        _summary.WRITERS[fmt](result, stream, color, width)
    elif isinstance(result, Translation):
        _translation.WRITERS[fmt](result, stream, color, width)
    else:
        raise TypeError(f"cannot render {type(result).__name__}; expected a Translation or a Summary")
