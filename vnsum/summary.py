"""The dataclasses a summary comes back as: every sentence with the evidence behind it.

``Summary.to_dict()`` is the JSON schema of ``vnsum summarize --format json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from vnsum.result import Flag


@dataclass(frozen=True)
class SummarySentence:
    """One summary sentence.

    ``text`` is in the requested language; ``source_text`` is the same sentence in the
    article's language (equal to ``text`` when no translation was involved; the
    back-translation for the ``direct`` strategy). ``evidence`` are indices into
    ``Summary.source_sentences``, best first; ``unsupported`` lists the numbers and names
    of the sentence that the article does not contain.
    """

    text: str
    source_text: str
    evidence: tuple[int, ...] = ()
    unsupported: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()  # set by --check


@dataclass(frozen=True)
class SummaryStats:
    pieces: int  # pieces the article was cut into for the model (1 when it fit)
    rounds: int  # summarization rounds (map-reduce: more than 1 for long articles)
    seconds: float
    load_seconds: float = 0.0
    model_calls: int = 0


@dataclass(frozen=True)
class Summary:
    source_lang: str
    target_lang: str
    method: str  # abstractive | extractive | llm
    strategy: str  # summarize-first | translate-first | direct
    model: str | None  # the summarizer model (None for extractive)
    sentences: tuple[SummarySentence, ...]
    source_sentences: tuple[str, ...]  # the article's sentences, as evidence indices count them
    stats: SummaryStats
    source_name: str | None = None
    translation_model: str | None = None  # the Marian model, when languages differ
    prompt: str | None = None  # the rendered prompt (llm method)
    warnings: tuple[str, ...] = field(default=())
    check_score: float | None = None  # set by --check, as for a Translation

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def source_text(self) -> str:
        return " ".join(s.source_text for s in self.sentences)

    def to_dict(self) -> dict:
        return {
            "source_name": self.source_name,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "method": self.method,
            "strategy": self.strategy,
            "model": self.model,
            "translation_model": self.translation_model,
            "summary": [
                {
                    "text": s.text,
                    "source_text": s.source_text,
                    "evidence": list(s.evidence),
                    "unsupported": list(s.unsupported),
                    "flags": [asdict(f) for f in s.flags],
                }
                for s in self.sentences
            ],
            "source_sentences": list(self.source_sentences),
            "stats": asdict(self.stats),
            "prompt": self.prompt,
            "warnings": list(self.warnings),
            "check_score": self.check_score,
        }
