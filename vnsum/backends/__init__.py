"""Translation backends behind one small interface.

A backend turns a list of source strings into a list of translations (``translate``),
and can count tokens so the pipeline can keep every input within the model's budget.
``IdentityBackend`` stands in for a model in unit tests of pure pipeline logic; the real
ones are ``vnsum.backends.ct2.CT2Backend`` (CTranslate2, the default on CPU: int8, several
times faster) and ``vnsum.backends.marian.MarianBackend`` (torch; the GPU path). Their
heavy libraries are imported there, on first use, never at start-up.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass


class Backend(ABC):
    """Translate a batch of strings. Subclasses implement ``translate``."""

    name: str = "backend"
    #: Most tokens one input may have (special tokens included).
    max_input_tokens: int = 512
    #: Target-language token put before every input of a multi-target model.
    language_token: str | None = None

    def __init__(self) -> None:
        self.model_calls = 0
        #: Inputs whose output reached the generation length bound (likely looping).
        self.length_limited: set[str] = set()

    @abstractmethod
    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        """One translation per input string, in order; ``progress(n)`` after each model call."""

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens per input; the default is a rough word count for backends without one."""
        return [len(t.split()) + 1 for t in texts]


@dataclass(frozen=True)
class ModelFacts:
    """What a result reports about its model: from the loaded backend, or from the memory."""

    name: str
    language_token: str | None
    max_input_tokens: int

    @classmethod
    def of(cls, backend: Backend) -> ModelFacts:
        return cls(backend.name, backend.language_token, backend.max_input_tokens)


class IdentityBackend(Backend):
    """Returns its inputs unchanged: the pipeline's logic without a model."""

    name = "identity"

    def __init__(self, max_input_tokens: int = 512) -> None:
        super().__init__()
        self.max_input_tokens = max_input_tokens
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        self.model_calls += 1
        self.calls.append(list(texts))
        if progress:
            progress(len(texts))
        return list(texts)
