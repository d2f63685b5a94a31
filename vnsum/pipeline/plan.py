"""Stage 2: what the model must do for the documents of one direction.

Every sentence once (a sentence repeated across documents is translated once); what the
translation memory already has is taken from it whole; each remaining sentence over the
input budget is split into pieces (``vnsum.chunking``); the model's inputs are the unique
pieces, which the backend sends in length-sorted batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vnsum.backends import Backend, ModelFacts
from vnsum.chunking import split_to_budget
from vnsum.memory import RememberedSentence


@dataclass(frozen=True)
class SentencePlan:
    """How one sentence is translated: its pieces, and its size in tokens (0: not counted,
    for a sentence the memory had whole)."""

    pieces: tuple[str, ...]
    tokens: int

    @property
    def split(self) -> bool:
        return len(self.pieces) > 1


@dataclass(frozen=True)
class DirectionPlan:
    """The work of one direction: every unique sentence's plan, and the model's inputs."""

    model: ModelFacts
    budget: int  # tokens per piece
    sentences: Mapping[str, SentencePlan]  # every unique sentence of the documents
    todo: tuple[str, ...]  # the sentences the model translates (the memory lacked them)
    model_inputs: tuple[str, ...]  # their unique pieces, in order
    remembered: Mapping[str, RememberedSentence] = field(default_factory=dict)  # sentences the memory had
    #: Model inputs whose output reached the length bound (filled in as the model runs).
    length_limited: set[str] = field(default_factory=set)


def unique_sentences(groups: Iterable[Iterable[str]]) -> list[str]:
    """Every sentence once, in order of first appearance."""
    return list(dict.fromkeys(s for group in groups for s in group))


def plan_direction(
    sentences: list[str],
    remembered: Mapping[str, RememberedSentence],
    model: ModelFacts,
    max_input_tokens: int,
    backend: Backend | None,
) -> DirectionPlan:
    """The plan for ``sentences`` (unique): ``backend`` counts tokens for those the memory
    lacks (None only when it has them all)."""
    budget = min(max_input_tokens, model.max_input_tokens)
    todo = [s for s in sentences if s not in remembered]
    plans: dict[str, SentencePlan] = {}
    if todo:
        if backend is None:
            raise ValueError("a backend is needed to plan sentences the memory does not have")
        for s, n in zip(todo, backend.count_tokens(todo), strict=True):
            pieces = split_to_budget(s, budget, backend.count_tokens) if n > budget else [s]
            plans[s] = SentencePlan(tuple(pieces), n)
    for s, record in remembered.items():
        plans[s] = SentencePlan(record.pieces, record.tokens)
    model_inputs = tuple(dict.fromkeys(p for s in todo for p in plans[s].pieces))
    return DirectionPlan(
        model=model,
        budget=budget,
        sentences=plans,
        todo=tuple(todo),
        model_inputs=model_inputs,
        remembered=remembered,
        length_limited=set(),
    )
