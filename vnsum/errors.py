"""Domain errors: facts about what went wrong, in one line each.

They carry no exit codes and name no command-line flags: a setting a message refers to is
marked with ``setting(name)`` (the library's own name for it, e.g. ``compute_type``), and
whoever shows the message words it — ``str(error)`` uses the setting's name, the CLI its
flag (``--compute-type``). The CLI (``vnsum.cli.app``) is the one place that maps these
classes to exit codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

_SETTING = re.compile(r"⟦(\w+)⟧")


def setting(name: str) -> str:
    """A setting named inside an error message, worded by whoever shows the message."""
    return f"⟦{name}⟧"


class VnsumError(Exception):
    """Base class: a failure vnsum can explain in one line."""

    def worded(self, names: Mapping[str, str] | None = None) -> str:
        """The message with each marked setting worded by ``names`` (default: its own name)."""
        names = names or {}
        return _SETTING.sub(lambda m: names.get(m[1], m[1]), super().__str__())

    @property
    def settings(self) -> tuple[str, ...]:
        """The settings this message refers to, by their library names."""
        return tuple(dict.fromkeys(_SETTING.findall(super().__str__())))

    def __str__(self) -> str:
        return self.worded()


class InputError(VnsumError):
    """The input or the usage is wrong (missing file, binary data, empty text...)."""


class OutputError(InputError):
    """An output cannot be written (a missing or read-only folder, a file in the path, a full
    disk); the message names the path the user gave, never a temp file."""


class ModelUnavailableError(VnsumError):
    """A model is neither cached nor downloadable, or cannot be loaded."""

    def __init__(self, model: str, reason: str) -> None:
        self.model = model
        self.reason = reason
        super().__init__(f"model {model!r} is not available: {reason}.")

    @property
    def local(self) -> bool:
        """Whether the model is a local folder (a path), not a hub id: it cannot be pulled."""
        from pathlib import Path

        m = self.model
        return m.startswith((".", "/", "~")) or m.count("/") > 1 or Path(m).expanduser().exists()


class ProblemsFound(VnsumError):
    """The work finished, but some items failed or were flagged."""


class Interrupted(VnsumError):
    """The work stopped early on SIGINT/SIGTERM; everything written is complete."""


def one_line(error: object, limit: int = 400) -> str:
    """An error (or any text) on one line of at most ``limit`` characters."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_line(error: BaseException, describe: Callable[[BaseException], str] = str) -> str:
    """The one-line record of a failure: a domain error's message (worded by ``describe``),
    else the exception's type and message."""
    if isinstance(error, VnsumError):
        return one_line(describe(error))
    return f"{type(error).__name__}: {one_line(error)}"
