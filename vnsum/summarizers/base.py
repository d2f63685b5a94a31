"""The shared base of the model-driven summarizers, and map-reduce for long articles.

Summarization models accept ~512 tokens. A longer article is packed, sentence by
sentence, into pieces under the budget; each piece is summarized; the partial summaries
are summarized again, round after round, until they fit in one piece. Nothing is cut.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from vnsum.chunking import TokenCounter, pack_greedy, split_to_budget
from vnsum.errors import VnsumError
from vnsum.segment import split_sentences

MAX_ROUNDS = 8


class Summarizer(ABC):
    """A model that writes a summary of a text that fits its input budget.

    Subclasses implement ``summarize_piece``; ``count_tokens`` should use the model's
    tokenizer (the default is a rough word count).
    """

    name: str = "summarizer"
    #: The model name or folder, for reports.
    model: str | None = None
    #: Most tokens of article text one call may take (prompt overhead excluded).
    max_input_tokens: int = 512
    #: The last prompt sent to the model, for chat models (reported in JSON).
    prompt: str | None = None

    def __init__(self) -> None:
        self.model_calls = 0

    @abstractmethod
    def summarize_piece(self, text: str, source_lang: str, target_lang: str, sentences: int) -> str:
        """A summary of ``text`` (in ``source_lang``) written in ``target_lang``."""

    def supports_direct(self, source_lang: str, target_lang: str) -> bool:
        """Whether the model itself can write ``target_lang`` from ``source_lang``."""
        return source_lang == target_lang

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 1 for t in texts]

    def draft(self, sentences: Sequence[str], source_lang: str, target_lang: str, n_sentences: int) -> Draft:
        """A summary of the article ``sentences`` in ``target_lang``: by default map-reduce
        over pieces that fit the model, the result cut into sentences."""
        result = map_reduce(self, sentences, source_lang, target_lang, n_sentences)
        return Draft(summary_sentences(result.text, target_lang), result.pieces, result.rounds)


@dataclass(frozen=True)
class Draft:
    """A summary as its summarizer wrote it."""

    sentences: list[str]
    pieces: int  # pieces of the article in the first round
    rounds: int
    #: Per sentence, the article sentences it comes from, when the summarizer knows them
    #: (extractive: each is an article sentence); else the pipeline finds the evidence.
    evidence: list[tuple[int, ...]] | None = None


@dataclass(frozen=True)
class MapReduceResult:
    text: str
    pieces: int  # pieces of the article in the first round
    rounds: int


def summary_sentences(text: str, lang: str) -> list[str]:
    """A model's summary cut into sentences (the whole text if it has no sentence break)."""
    return [s for s in split_sentences(" ".join(text.split()), lang) if s] or ([text.strip()] if text.strip() else [])


def pack(sentences: Sequence[str], budget: int, count: TokenCounter) -> list[str]:
    """Consecutive sentences joined into pieces of at most ``budget`` tokens each."""
    units: list[str] = []
    sizes = count(list(sentences)) if sentences else []
    for sentence, n in zip(sentences, sizes, strict=True):
        units.extend([sentence] if n <= budget else split_to_budget(sentence, budget, count))
    groups = pack_greedy(units, lambda group, unit: count([" ".join([*group, unit])])[0] <= budget)
    return [" ".join(group) for group in groups]


def map_reduce(summarizer: Summarizer, sentences: Sequence[str], source_lang: str, target_lang: str, n_sentences: int) -> MapReduceResult:
    """Summarize ``sentences`` whatever their length: map over pieces, reduce until one fits."""
    budget = summarizer.max_input_tokens
    pieces = pack(sentences, budget, summarizer.count_tokens)
    first_round_pieces = len(pieces)
    lang = source_lang
    for rounds in range(1, MAX_ROUNDS + 1):
        if len(pieces) == 1:
            return MapReduceResult(summarizer.summarize_piece(pieces[0], lang, target_lang, n_sentences), first_round_pieces, rounds)
        # Partial summaries stay in the source language so the next round reads one language.
        partials = [summarizer.summarize_piece(p, lang, lang, n_sentences) for p in pieces]
        parts = [s for partial in partials for s in split_sentences(partial, lang) if s.strip()] or [" ".join(partials)]
        shrunk = pack(parts, budget, summarizer.count_tokens)
        if len(shrunk) >= len(pieces):
            # A model whose summaries are no shorter than its input would never converge.
            raise VnsumError(f"summaries did not get shorter than their input in round {rounds}; the model is not summarizing")
        pieces = shrunk
    raise VnsumError(f"the article still did not fit after {MAX_ROUNDS} rounds of summarization")
