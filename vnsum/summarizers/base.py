"""The shared base of the model-driven summarizers, and map-reduce for long articles.

Summarization models accept ~512 tokens. A longer article is packed, sentence by
sentence, into pieces under the budget; each piece is summarized; the partial summaries
are summarized again, round after round, until they fit in one piece. Nothing is cut.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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

    def summarize_pieces(self, requests: Sequence[PieceRequest]) -> list[str]:
        """``summarize_piece`` for several pieces; one at a time unless the model batches
        them, and then with outputs identical to one at a time."""
        return [self.summarize_piece(*r) for r in requests]

    def draft(self, sentences: Sequence[str], source_lang: str, target_lang: str, n_sentences: int) -> Draft:
        """A summary of the article ``sentences`` in ``target_lang``: by default map-reduce
        over pieces that fit the model, the result cut into sentences."""
        result = self.draft_many([DraftJob(tuple(sentences), source_lang, target_lang, n_sentences)])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def draft_many(self, jobs: Sequence[DraftJob]) -> list[Draft | Exception]:
        """``draft`` for several articles (an article that fails gets its exception): by
        default map-reduce over all of them at once (``map_reduce_many``); one by one for a
        summarizer with a ``draft`` of its own."""
        drafts: list[Draft | Exception] = []
        if type(self).draft is not Summarizer.draft:
            for job in jobs:
                try:
                    drafts.append(self.draft(job.sentences, job.source_lang, job.target_lang, job.n_sentences))
                except Exception as e:  # noqa: BLE001 — this article's failure, kept for it
                    drafts.append(e)
            return drafts
        for job, result in zip(jobs, map_reduce_many(self, jobs), strict=True):
            if isinstance(result, Exception):
                drafts.append(result)
            else:
                drafts.append(Draft(summary_sentences(result.text, job.target_lang), result.pieces, result.rounds))
        return drafts


@dataclass(frozen=True)
class Draft:
    """A summary as its summarizer wrote it."""

    sentences: list[str]
    pieces: int  # pieces of the article in the first round
    rounds: int
    #: Per sentence, the article sentences it comes from, when the summarizer knows them
    #: (extractive: each is an article sentence); else the pipeline finds the evidence.
    evidence: list[tuple[int, ...]] | None = None


class PieceRequest(NamedTuple):
    """One call of ``summarize_piece``: its arguments."""

    text: str
    source_lang: str
    target_lang: str
    sentences: int


@dataclass(frozen=True)
class DraftJob:
    """One article to draft a summary of: ``draft``'s arguments."""

    sentences: tuple[str, ...]
    source_lang: str
    target_lang: str
    n_sentences: int


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
    result = map_reduce_many(summarizer, [DraftJob(tuple(sentences), source_lang, target_lang, n_sentences)])[0]
    if isinstance(result, Exception):
        raise result
    return result


def map_reduce_many(summarizer: Summarizer, jobs: Sequence[DraftJob]) -> list[MapReduceResult | Exception]:
    """``map_reduce`` for several articles in lockstep: each round's pieces of every article
    go to ``summarize_pieces`` together (length-sorted batches where the model batches).
    A piece's summary does not depend on its batch, so each result is the one-article one;
    an article that fails gets its exception, and the others go on."""
    steps = {i: _map_reduce_steps(summarizer, job) for i, job in enumerate(jobs)}
    results: dict[int, MapReduceResult | Exception] = {}
    wanted: dict[int, list[PieceRequest]] = {}

    def advance(i: int, answer: list[str] | None) -> None:
        try:
            wanted[i] = steps[i].send(answer)  # type: ignore[arg-type]  # None starts a generator
        except StopIteration as done:
            results[i] = done.value
        except Exception as e:  # noqa: BLE001 — this article's failure, kept for it
            results[i] = e

    for i in steps:
        advance(i, None)
    while wanted:
        asked, wanted = wanted, {}
        for i, answers in _answer(summarizer, asked).items():
            if isinstance(answers, Exception):
                results[i] = answers
            else:
                advance(i, answers)
    return [results[i] for i in range(len(jobs))]


def _answer(summarizer: Summarizer, asked: dict[int, list[PieceRequest]]) -> dict[int, list[str] | Exception]:
    """Every article's requests in one ``summarize_pieces`` call; if that fails, article by
    article, so that only the one that breaks it fails."""
    flat = [r for requests in asked.values() for r in requests]
    try:
        texts = summarizer.summarize_pieces(flat)
    except Exception as e:  # noqa: BLE001 — found out article by article below
        if len(asked) == 1:
            return {i: e for i in asked}
        out: dict[int, list[str] | Exception] = {}
        for i, requests in asked.items():
            out.update(_answer(summarizer, {i: requests}))
        return out
    answers: dict[int, list[str] | Exception] = {}
    at = 0
    for i, requests in asked.items():
        answers[i] = texts[at : at + len(requests)]
        at += len(requests)
    return answers


def _map_reduce_steps(summarizer: Summarizer, job: DraftJob) -> Generator[list[PieceRequest], list[str], MapReduceResult]:
    """One article's map-reduce, as a generator: it yields the pieces it needs summarized
    and is sent their summaries, round by round."""
    budget = summarizer.max_input_tokens
    pieces = pack(job.sentences, budget, summarizer.count_tokens)
    first_round_pieces = len(pieces)
    lang, n = job.source_lang, job.n_sentences
    for rounds in range(1, MAX_ROUNDS + 1):
        if len(pieces) == 1:
            (text,) = yield [PieceRequest(pieces[0], lang, job.target_lang, n)]
            return MapReduceResult(text, first_round_pieces, rounds)
        # Partial summaries stay in the source language so the next round reads one language.
        partials = yield [PieceRequest(p, lang, lang, n) for p in pieces]
        parts = [s for partial in partials for s in split_sentences(partial, lang) if s.strip()] or [" ".join(partials)]
        shrunk = pack(parts, budget, summarizer.count_tokens)
        if len(shrunk) >= len(pieces):
            # A model whose summaries are no shorter than its input would never converge.
            raise VnsumError(f"summaries did not get shorter than their input in round {rounds}; the model is not summarizing")
        pieces = shrunk
    raise VnsumError(f"the article still did not fit after {MAX_ROUNDS} rounds of summarization")
