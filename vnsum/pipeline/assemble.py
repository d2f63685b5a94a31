"""Stage 4: a document's ``Translation`` from its plan and the pieces' translations: every
paragraph kept, split sentences rejoined, and warnings for splits and length limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from vnsum.pipeline.plan import DirectionPlan
from vnsum.pipeline.prepare import PreparedDocument
from vnsum.result import Paragraph, Segment, Translation, TranslationStats


@dataclass(frozen=True)
class RunFacts:
    """What one ``translate_prepared`` call cost (shared by all its documents)."""

    seconds: float
    load_seconds: float
    model_calls: int


def assemble(document: PreparedDocument, plan: DirectionPlan, translated: Mapping[str, str], run: RunFacts) -> Translation:
    paragraphs, warnings, limited = [], list(document.notes), 0
    languages = document.languages or (None,) * len(document.paragraphs)
    for p, group, found in zip(document.paragraphs, document.sentences, languages, strict=True):
        if p.kind == "passthrough":
            segments: tuple[Segment, ...] = (Segment(p.text.strip(), p.text.strip()),)
        else:
            segments = tuple(Segment(s, " ".join(translated[x] for x in plan.sentences[s].pieces), plan.sentences[s].pieces) for s in group)
        for seg in segments:
            if seg.split:
                warnings.append(
                    f"a sentence of {plan.sentences[seg.source].tokens} tokens was over the {plan.budget}-token input budget"
                    f" and was translated in {len(seg.pieces)} pieces: {_excerpt(seg.source)}"
                )
            if any(x in plan.length_limited for x in seg.pieces):
                limited += 1
                warnings.append(f"the translation of this sentence reached the length limit and may repeat itself: {_excerpt(seg.source)}")
        lang = found or (document.source_lang if p.kind == "text" else None)
        paragraphs.append(Paragraph(p.kind, segments, p.newlines_before, lang))
    flat = [plan.sentences[s] for group in document.sentences for s in group]
    stats = TranslationStats(
        sentences=len(flat),
        pieces=sum(len(s.pieces) for s in flat),
        split_sentences=sum(1 for s in flat if s.split),
        unique_pieces=len({x for s in flat for x in s.pieces}),
        model_calls=run.model_calls,
        seconds=run.seconds,
        load_seconds=run.load_seconds,
        hit_length_limit=limited,
    )
    return Translation(
        source_lang=document.source_lang,
        target_lang=document.target_lang,
        model=plan.model.name,
        paragraphs=tuple(paragraphs),
        stats=stats,
        source_name=document.source_name,
        language_token=plan.model.language_token,
        max_input_tokens=plan.budget,
        warnings=tuple(warnings),
    )


def _excerpt(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
