"""Prompt templates for chat models, kept as plain text files.

A template is a UTF-8 text (Markdown by convention) sent to the model as one user
message, with these placeholders filled in:

- ``{article}``: the text to summarize (required: without it the article would be
  silently dropped);
- ``{language}``: the English NAME of the language to write in, ``English`` or
  ``Vietnamese`` (see ``LANGUAGE_NAMES``), never a code: models follow "in Vietnamese"
  far better than "in vi";
- ``{sentences}``: the most sentences the summary may have, a positive integer.

Literal braces are written ``{{`` and ``}}``. Anything else between braces — another
name, ``{}``, ``{article.x}``, ``{sentences:d}``, ``{article!r}`` — is refused when the
template is loaded, not when the first article is half-way through the model.

The packaged templates live in ``vnsum/prompts/`` (package data, also reachable as the
top-level ``prompts/`` folder of a checkout); ``load_template()`` reads
``summarize.md`` from there and ``load_template(path)`` reads a file of your own.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vnsum.errors import InputError
from vnsum.models import LANGUAGE_NAMES
from vnsum.textio import read_bytes

PLACEHOLDERS = frozenset({"article", "language", "sentences"})
REQUIRED = frozenset({"article"})


def language_name(code: str) -> str:
    """The value of ``{language}``: ``vi`` → ``Vietnamese``; a code vnsum does not know is an InputError."""
    try:
        return LANGUAGE_NAMES[code]
    except KeyError:
        raise InputError(f"no language name for {code!r}; languages: {', '.join(LANGUAGE_NAMES)}") from None


def _parse(text: str, name: str) -> list[tuple[str, str | None]]:
    """``(literal, placeholder)`` pairs; the template's mistakes as one-line InputErrors."""
    known = ", ".join(f"{{{p}}}" for p in sorted(PLACEHOLDERS))
    parts: list[tuple[str, str | None]] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as e:  # a lone "{" or "}"
        raise InputError(f"prompt template {name}: {e}; write literal braces as {{{{ and }}}}") from None
    for literal, field, spec, conversion in parsed:
        if field is None:
            parts.append((literal, None))
            continue
        shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if field not in PLACEHOLDERS:
            what = "an empty placeholder {}" if not field else f"unknown placeholder {shown}"
            raise InputError(f"prompt template {name}: {what}; the known placeholders are {known} (write literal braces as {{{{ }}}})")
        if spec or conversion:
            raise InputError(f"prompt template {name}: placeholder {shown} takes no format or conversion; write {{{field}}}")
        parts.append((literal, field))
    missing = REQUIRED - {field for _, field in parts}
    if missing:
        raise InputError(f"prompt template {name} has no {{article}} placeholder, so the article would never reach the model")
    return parts


@dataclass(frozen=True)
class PromptTemplate:
    """A validated template: ``name`` for reports, ``text`` as written in the file."""

    name: str
    text: str

    def __post_init__(self) -> None:
        _parse(self.text, self.name)

    @property
    def placeholders(self) -> frozenset[str]:
        """The placeholders the template uses."""
        return frozenset(field for _, field in _parse(self.text, self.name) if field)

    def render(self, **values: str | int) -> str:
        """The prompt with every placeholder filled in, surrounding whitespace removed.

        Values are inserted verbatim: braces inside an article are not read as placeholders.
        """
        parts = _parse(self.text, self.name)
        missing = sorted({field for _, field in parts if field and field not in values})
        if missing:
            raise InputError(f"prompt template {self.name}: no value given for {', '.join(missing)}")
        return "".join(literal + (str(values[field]) if field else "") for literal, field in parts).strip()


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"prompt template {name} is not UTF-8 text (byte {e.start})") from None
    if not text.strip():
        raise InputError(f"prompt template {name} is empty")
    return text.replace("\r\n", "\n")


def packaged_templates() -> list[str]:
    """The names of the templates shipped in ``vnsum/prompts/``."""
    folder = resources.files("vnsum") / "prompts"
    return sorted(entry.name[:-3] for entry in folder.iterdir() if entry.name.endswith(".md"))


def load_template(path: str | Path | None = None, name: str = "summarize") -> PromptTemplate:
    """The template in file ``path``, or the packaged template ``name`` when path is None."""
    if path is None:
        resource = resources.files("vnsum") / "prompts" / f"{name}.md"
        if "/" in name or "\\" in name or not resource.is_file():
            raise InputError(f"no packaged prompt template {name!r}; packaged: {', '.join(packaged_templates()) or 'none'}")
        return PromptTemplate(name, _decode(resource.read_bytes(), name))
    file = Path(path).expanduser()
    shown = str(path)
    return PromptTemplate(shown, _decode(read_bytes(file, f"prompt template {shown}"), shown))
