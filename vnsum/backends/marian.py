"""The MarianMT backend (opus-mt and any Hugging Face seq2seq translation model).

torch and transformers are imported here, when a model is first loaded: importing them
costs seconds, and ``vnsum --help`` must not pay it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from vnsum.backends.seq2seq import Seq2SeqBackend
from vnsum.loading import from_pretrained, start


class MarianBackend(Seq2SeqBackend):
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

        self.tokenizer = from_pretrained(AutoTokenizer, model)
        dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.model = from_pretrained(AutoModelForSeq2SeqLM, model, dtype=dtype)
        self.model.to(self.device).eval()
        limit = self.model.config.max_position_embeddings
        self._set_model_facts(self.tokenizer.get_vocab(), self.tokenizer.model_max_length, model, target_lang, limit)
        self.beams = beams
        self.batch_tokens = batch_tokens
        self.max_batch = max_batch

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in self.tokenizer(self._prefixed(texts))["input_ids"]]

    def translate(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[str]:
        import torch

        if not texts:
            return []
        lengths = self.count_tokens(texts)
        self.check_lengths(lengths)
        out: list[str] = [""] * len(texts)
        eos = self.tokenizer.eos_token_id
        for batch in self.batches(lengths):
            enc = self.tokenizer(self._prefixed([texts[i] for i in batch]), return_tensors="pt", padding=True).to(self.device)
            limit = self.output_bound(enc["input_ids"].shape[1])
            kwargs: dict[str, Any] = {"max_new_tokens": limit}
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
