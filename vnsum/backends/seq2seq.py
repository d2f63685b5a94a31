"""What the torch (Marian) and CTranslate2 backends share: the
target-language token of multi-target models, length-sorted batches under a token budget,
and the bound on output length. Only generation differs between them.
"""

from __future__ import annotations

import math
import re
from abc import abstractmethod
from collections.abc import Iterable, Sequence

from vnsum.backends import Backend
from vnsum.errors import InputError

# ISO 639-3 and 639-1 codes a multi-target model may use for its target-language token.
LANGUAGE_CODES = {"vi": ("vie", "vi"), "en": ("eng", "en")}
#: A batch takes no input shorter than this share of its longest: less padding, and an
#: output bound (set per batch from the longest input) that fits every sentence in it.
MIN_LENGTH_RATIO = 0.5
_LANGUAGE_TOKEN = re.compile(r"^>>[\w-]+<<$")


def language_token(vocab: Sequence[str], target_lang: str, model: str) -> str | None:
    """The ``>>xxx<<`` token selecting ``target_lang``, or None for a single-target model."""
    codes = sorted(t for t in vocab if _LANGUAGE_TOKEN.match(t))
    if not codes:
        return None
    for code in LANGUAGE_CODES[target_lang]:
        if f">>{code}<<" in codes:
            return f">>{code}<<"
    raise InputError(f"model {model} is multi-target but has no token for {target_lang!r}; it knows {', '.join(codes)}")


def length_batches(lengths: Sequence[int], batch_tokens: int, max_batch: int) -> list[list[int]]:
    """Indices grouped longest first, at most ``max_batch`` each, so that padded size stays
    under ``batch_tokens`` and no input is shorter than ``MIN_LENGTH_RATIO`` of its batch's longest."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    for i in order:
        if batches:
            batch, longest = batches[-1], lengths[batches[-1][0]]
            fits = len(batch) < max_batch and longest * (len(batch) + 1) <= batch_tokens
            if fits and lengths[i] >= MIN_LENGTH_RATIO * longest:
                batch.append(i)
                continue
        batches.append([i])
    return batches


class Seq2SeqBackend(Backend):
    """A Hugging Face translation model's tokenizer, batching and bounds; subclasses generate."""

    beams: int | None
    batch_tokens: int
    max_batch: int

    def _set_model_facts(self, vocab: Iterable[str], tokenizer_limit: object, model: str, target_lang: str, position_limit: object) -> None:
        """The name, the target-language token and the input limit (the smaller of the
        model's positions and the tokenizer's maximum)."""
        self.name = model
        self.language_token = language_token(list(vocab), target_lang, model)
        limits = [position_limit, tokenizer_limit]
        self.max_input_tokens = min(x for x in limits if isinstance(x, int) and x > 0)

    def _prefixed(self, texts: Sequence[str]) -> list[str]:
        return [f"{self.language_token} {t}" if self.language_token else t for t in texts]

    @abstractmethod
    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens per input as the model takes it (language token and ``</s>`` included)."""

    def batches(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indices grouped longest first, so that padded size stays under ``batch_tokens``."""
        return length_batches(lengths, self.batch_tokens, self.max_batch)

    def check_lengths(self, lengths: Sequence[int]) -> None:
        """The pipeline splits long sentences first: an input over the limit is a bug."""
        too_long = [n for n in lengths if n > self.max_input_tokens]
        if too_long:
            raise ValueError(f"an input of {max(too_long)} tokens exceeds the model's {self.max_input_tokens}")

    def output_bound(self, longest: int) -> int:
        """New tokens allowed for a batch whose longest input has ``longest`` tokens: relative
        to the input, so that a degenerate model cannot loop on."""
        return min(self.max_input_tokens, math.ceil(longest * 2.5) + 10)
