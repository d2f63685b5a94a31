"""The MarianMT backend (opus-mt and any Hugging Face seq2seq translation model).

torch and transformers are imported here, when a model is first loaded: importing them
costs seconds, and ``vnsum --help`` must not pay it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from vnsum.backends import Backend
from vnsum.errors import InputError
from vnsum.loading import from_pretrained, start

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


class MarianBackend(Backend):
    """A Hugging Face seq2seq model, fed length-sorted batches under a token budget."""

    def __init__(
        self,
        model: str,
        target_lang: str,
        *,
        device: str = "auto",
        beams: int | None = None,
        batch_tokens: int = 4096,
        max_batch: int = 64,
        threads: int | None = None,
    ) -> None:
        super().__init__()
        torch, self.device = start(model, device, threads)
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.name = model
        self.tokenizer = from_pretrained(AutoTokenizer, model)
        dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.model = from_pretrained(AutoModelForSeq2SeqLM, model, dtype=dtype)
        self.model.to(self.device).eval()
        self.language_token = language_token(list(self.tokenizer.get_vocab()), target_lang, model)
        limits = [self.model.config.max_position_embeddings, self.tokenizer.model_max_length]
        self.max_input_tokens = min(x for x in limits if isinstance(x, int) and x > 0)
        self.beams = beams
        self.batch_tokens = batch_tokens
        self.max_batch = max_batch

    def _prefixed(self, texts: Sequence[str]) -> list[str]:
        return [f"{self.language_token} {t}" if self.language_token else t for t in texts]

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in self.tokenizer(self._prefixed(texts))["input_ids"]]

    def batches(self, lengths: Sequence[int]) -> list[list[int]]:
        """Indices grouped longest first, so that padded size stays under ``batch_tokens``."""
        order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
        batches: list[list[int]] = []
        for i in order:
            if batches:
                batch, longest = batches[-1], lengths[batches[-1][0]]
                fits = len(batch) < self.max_batch and longest * (len(batch) + 1) <= self.batch_tokens
                if fits and lengths[i] >= MIN_LENGTH_RATIO * longest:
                    batch.append(i)
                    continue
            batches.append([i])
        return batches

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        import torch

        if not texts:
            return []
        lengths = self.count_tokens(texts)
        too_long = [n for n in lengths if n > self.max_input_tokens]
        if too_long:  # the pipeline splits long sentences first; this is a bug guard
            raise ValueError(f"an input of {max(too_long)} tokens exceeds the model's {self.max_input_tokens}")
        out: list[str] = [""] * len(texts)
        eos = self.tokenizer.eos_token_id
        for batch in self.batches(lengths):
            enc = self.tokenizer(self._prefixed([texts[i] for i in batch]), return_tensors="pt", padding=True).to(self.device)
            # Bound the output relative to the input so a degenerate model cannot loop on.
            limit = min(self.max_input_tokens, math.ceil(enc["input_ids"].shape[1] * 2.5) + 10)
            kwargs = {"max_new_tokens": limit}
            if self.beams:
                kwargs["num_beams"] = self.beams
            with torch.inference_mode():
                generated = self.model.generate(**enc, **kwargs)
            self.model_calls += 1
            decoded = self.tokenizer.batch_decode(generated, skip_special_tokens=True)
            for row, i, text in zip(generated, batch, decoded, strict=True):
                out[i] = text.strip()
                tokens = row[1:].tolist()
                # A forced EOS can stand at the very last step: count that as hitting the bound.
                if (tokens.index(eos) + 1 if eos in tokens else len(tokens) + 1) >= limit:
                    self.length_limited.add(texts[i])
            if progress:
                progress(len(batch))
        return out
