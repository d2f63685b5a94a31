"""Abstractive summaries with mT5: XL-Sum (one language) and CrossSum (cross-lingual).

- ``csebuetnlp/mT5_multilingual_XLSum`` (the default) was fine-tuned on XL-Sum, BBC
  articles and their summaries in 45 languages, Vietnamese and English among them. It
  writes its summary in the language of its input.
- ``csebuetnlp/mT5_m2m_crossSum`` (the ``direct`` strategy) was fine-tuned on all
  language pairs of CrossSum. It writes the summary in the language whose token starts
  the decoder: ``config.task_specific_params["langid_map"]`` maps a language name
  ("english", "vietnamese", ...) to ``[index, token]``, e.g. ``[30, "▁<extra_id_69>"]``,
  and the token's id is passed to ``generate`` as ``decoder_start_token_id``.

Generation follows the model cards: whitespace collapsed to single spaces, at most 512
input tokens, ``num_beams=4``, ``no_repeat_ngram_size=2``, up to 84 tokens of summary.
Both models are CC BY-NC-SA 4.0 (non-commercial).

Input is never truncated: map-reduce (``base.py``) packs the article into pieces that fit
``max_input_tokens``; a longer piece reaching ``summarize_piece`` is a bug, and raises.

torch and transformers are imported when a model is first loaded, as in the Marian backend.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from vnsum.errors import InputError, ModelUnavailableError
from vnsum.loading import from_pretrained, start
from vnsum.summarizers.base import Summarizer

#: Named in an error message only; the model registry is ``vnsum.models``.
CROSS_LINGUAL_MODEL = "csebuetnlp/mT5_m2m_crossSum"

#: vnsum's language codes → the language names CrossSum's langid_map uses.
LANGUAGE_NAMES = {"vi": "vietnamese", "en": "english"}

# The model cards' generation settings.
CARD_MAX_INPUT_TOKENS = 512
CARD_BEAMS = 4
CARD_NO_REPEAT_NGRAM = 2
CARD_MAX_LENGTH = 84  # decoder tokens, the start token included
#: Each requested sentence may raise the output bound by this many tokens...
TOKENS_PER_SENTENCE = 30
#: ...up to this hard bound.
MAX_NEW_TOKENS = 256
#: A summary may be at most half as long as its input (but at least this many tokens):
#: map-reduce needs partial summaries shorter than their pieces to converge, and a
#: model that never stops on its own (a broken or random one) would otherwise not.
MIN_NEW_TOKENS = 16

_WHITESPACE = re.compile(r"\s+")


def prepare(text: str) -> str:
    """The text as the model should see it: NFC, whitespace collapsed (the cards' WHITESPACE_HANDLER).

    NFC matters: the mT5 tokenizer drops the second diacritic of decomposed (NFD)
    Vietnamese ("Đồng" becomes "Đông").
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


class Mt5Summarizer(Summarizer):
    """An mT5 seq2seq summarizer; cross-lingual when its config has a CrossSum ``langid_map``."""

    name = "abstractive"

    def __init__(
        self,
        model: str,
        *,
        device: str = "auto",
        beams: int | None = None,
        threads: int | None = None,
        max_input_tokens: int = CARD_MAX_INPUT_TOKENS,
    ) -> None:
        super().__init__()
        torch, self.device = start(model, device, threads)
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.model = model
        # mT5 overflows in float16 (inf/NaN activations): bfloat16 where the GPU has it.
        dtype = torch.float32
        if self.device == "cuda" and torch.cuda.is_bf16_supported():
            dtype = torch.bfloat16
        self.tokenizer = from_pretrained(AutoTokenizer, model)
        self.network = from_pretrained(AutoModelForSeq2SeqLM, model, dtype=dtype)
        self.network.to(self.device).eval()
        self.language_ids = self._language_ids()
        limits = [max_input_tokens, self.tokenizer.model_max_length]
        limits += [getattr(self.network.config, k, None) for k in ("n_positions", "max_position_embeddings")]
        # Tokenizers without a limit report a huge sentinel (1e30): ignore it.
        self.max_input_tokens = min(x for x in limits if isinstance(x, int) and 0 < x < 1_000_000)
        self.beams = beams or CARD_BEAMS

    def _language_ids(self) -> dict[str, int]:
        """Language name → decoder start token id, from a CrossSum-style langid_map (else empty)."""
        params = getattr(self.network.config, "task_specific_params", None) or {}
        langid_map = params.get("langid_map") or {}
        ids: dict[str, int] = {}
        for language, entry in langid_map.items():
            token = entry[1] if isinstance(entry, (list, tuple)) else entry
            token_id = self.tokenizer.convert_tokens_to_ids(token)
            if not isinstance(token_id, int) or token_id == self.tokenizer.unk_token_id:
                reason = f"its langid_map gives {language!r} the token {token!r}, which is not in its vocabulary"
                raise ModelUnavailableError(self.model, reason)
            ids[language] = token_id
        return ids

    def supports_direct(self, source_lang: str, target_lang: str) -> bool:
        if not self.language_ids:
            return source_lang == target_lang
        return all(LANGUAGE_NAMES.get(lang) in self.language_ids for lang in (source_lang, target_lang))

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens of each text as ``summarize_piece`` would feed it (``</s>`` included)."""
        if not texts:
            return []
        return [len(ids) for ids in self.tokenizer([prepare(t) for t in texts])["input_ids"]]

    def max_new_tokens(self, input_tokens: int, sentences: int) -> int:
        """The output bound: the card's 84, more for more sentences, at most half the input."""
        wanted = min(MAX_NEW_TOKENS, max(CARD_MAX_LENGTH - 1, TOKENS_PER_SENTENCE * max(1, sentences)))
        return min(wanted, max(MIN_NEW_TOKENS, input_tokens // 2))

    def decoder_start(self, source_lang: str, target_lang: str) -> int | None:
        """The decoder start token that selects ``target_lang``; None for a one-language model."""
        if not self.language_ids:
            if source_lang != target_lang:
                raise InputError(
                    f"model {self.model} writes its summary in the language of its input, so it cannot summarize "
                    f"{source_lang!r} text in {target_lang!r}; use a cross-lingual model such as {CROSS_LINGUAL_MODEL}, "
                    "or summarize first and translate the summary"
                )
            return None
        name = LANGUAGE_NAMES.get(target_lang)
        if name not in self.language_ids:
            known = ", ".join(sorted(self.language_ids))
            raise InputError(f"model {self.model} has no language token for {target_lang!r}; its langid_map knows {known}")
        return self.language_ids[name]

    def summarize_piece(self, text: str, source_lang: str, target_lang: str, sentences: int) -> str:
        import torch

        start = self.decoder_start(source_lang, target_lang)
        enc = self.tokenizer(prepare(text), return_tensors="pt")
        n_tokens = enc["input_ids"].shape[1]
        if n_tokens > self.max_input_tokens:  # map-reduce packs under the budget; this is a bug guard
            raise ValueError(f"a piece of {n_tokens} tokens exceeds the summarizer's budget of {self.max_input_tokens}")
        kwargs = {
            "num_beams": self.beams,
            "no_repeat_ngram_size": CARD_NO_REPEAT_NGRAM,
            "max_new_tokens": self.max_new_tokens(n_tokens, sentences),
            "do_sample": False,
        }
        if start is not None:
            kwargs["decoder_start_token_id"] = start
        with torch.inference_mode():
            generated = self.network.generate(**enc.to(self.device), **kwargs)
        self.model_calls += 1
        # Skip the decoder start: a CrossSum language token is an ordinary vocabulary piece.
        return self.tokenizer.decode(generated[0][1:], skip_special_tokens=True, clean_up_tokenization_spaces=False).strip()
