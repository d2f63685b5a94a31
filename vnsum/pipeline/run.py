"""Stage 3: the model translates the plan's inputs; the memory's translations are added."""

from __future__ import annotations

from collections.abc import Callable

from vnsum.backends import Backend
from vnsum.pipeline.plan import DirectionPlan

Progress = Callable[[int], None]


def run_plan(plan: DirectionPlan, backend: Backend | None, progress: Progress | None = None) -> dict[str, str]:
    """Piece → translation for every piece of the plan. ``progress`` is told the remembered
    sentences first, then the pieces after each model call."""
    if progress and plan.remembered:
        progress(len(plan.remembered))
    translated: dict[str, str] = {}
    if plan.model_inputs:
        if backend is None:
            raise ValueError("a backend is needed to translate the plan's inputs")
        # Whether a piece hit the length bound is decided by this call's generation alone: a
        # backend that translated the same piece earlier (another chunk, another batch shape)
        # must not leave its old verdict (the Ray and local engines gave different warnings).
        backend.length_limited.difference_update(plan.model_inputs)
        translated = dict(zip(plan.model_inputs, backend.translate(list(plan.model_inputs), progress=progress), strict=True))
        # The plan keeps this call's verdicts; the backend forgets them, so that a long batch
        # does not accumulate every length-limited piece it ever saw (issue 17: memory).
        limited = backend.length_limited
        plan.length_limited.update(p for p in plan.model_inputs if p in limited)
        limited.difference_update(plan.model_inputs)
    return translated


def with_remembered(plan: DirectionPlan, translated: dict[str, str]) -> dict[str, str]:
    """``translated`` plus the pieces of the sentences the memory had."""
    for record in plan.remembered.values():
        translated.update(zip(record.pieces, record.translations, strict=True))
    return translated
