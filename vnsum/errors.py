"""Domain errors. The CLI is the only place that turns them into exit codes."""

from __future__ import annotations


class VnsumError(Exception):
    """Base class: a failure vnsum can explain in one line."""

    exit_code = 1


class InputError(VnsumError):
    """The input or the usage is wrong (missing file, binary data, empty text...)."""

    exit_code = 2


class ModelUnavailableError(VnsumError):
    """A model is neither cached nor downloadable, or cannot be loaded."""

    exit_code = 3

    def __init__(self, model: str, reason: str) -> None:
        self.model = model
        self.reason = reason
        super().__init__(
            f"model {model!r} is not available: {reason}. "
            f"Download it on a connected machine with `vnsum models pull {model}` "
            "(then copy the Hugging Face cache), or pass a local model folder with --model "
            "or the model's VNSUM_MODEL_* variable (see `vnsum models`)."
        )


class ProblemsFound(VnsumError):
    """The work finished, but some items failed or were flagged (exit code 4)."""

    exit_code = 4
