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

Backends, chosen like the translation backend's (``vnsum.backends.ct2.choose_backend``):
``auto`` runs a one-language model (XL-Sum) in CTranslate2 on the CPU when it is installed
(converted once, cached with the Marian conversions, int8 by default), torch otherwise.
The tokenizer is read from the model's own files there (``vnsum.backends.pieces``: the
``tokenizers`` form of transformers' tokenizer, saved at conversion), so a converted model
runs without importing torch or transformers; CTranslate2 generates, with the same
beams, ``no_repeat_ngram_size``, output bound and length penalty (float32 greedy output is
token for token torch's).

A cross-lingual model (CrossSum) stays on torch. CTranslate2 can start the decoder with
the language token (``decoder_start_token`` null in the converted config and the token as
``target_prefix``: the logits are torch's exactly), but its ``no_repeat_ngram_size`` leaves
the decoder start token out of the n-gram history while transformers counts it, so once
the model writes the language token again the two ban different continuations and the
summaries differ. ``auto`` therefore picks torch for a model with a ``langid_map``, and
``ct2`` (or a compute type) for one is refused rather than silently differing.

On torch, torch and transformers are imported when the model is first loaded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vnsum.backends.ct2 import choose_backend, load_converted, require_ctranslate2, supported_compute_type, target_vocabulary
from vnsum.backends.pieces import PieceTokenizer
from vnsum.backends.seq2seq import length_batches
from vnsum.errors import InputError, ModelUnavailableError, setting
from vnsum.loading import from_pretrained, model_config, resolve_device, start
from vnsum.models import LANGUAGE_NAMES, ensure_available
from vnsum.summarizers.base import PieceRequest, Summarizer

#: Named in an error message only; the model registry is ``vnsum.models``.
CROSS_LINGUAL_MODEL = "csebuetnlp/mT5_m2m_crossSum"


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

#: CTranslate2's default compute type per device. Not float16 on a GPU: mT5 overflows in it.
CT2_DEFAULT_COMPUTE_TYPE = {"cpu": "int8", "cuda": "float32"}

#: Pieces of several articles summarized together in CTranslate2 are batched under a memory
#: budget for the decoder's cross-attention cache (keys and values of every input token, per
#: decoder layer and beam, float32: ~0.3 MB a token for mT5-base at beam 4, so ~2,000 padded
#: tokens a call), at most this many padded tokens and pieces a call.
CT2_BATCH_MEMORY = 600 * 2**20
CT2_MAX_BATCH_TOKENS = 16384
CT2_MAX_BATCH = 32

_WHITESPACE = re.compile(r"\s+")


def _langid_name(code: str) -> str | None:
    """The name CrossSum's langid_map gives a language code (``vi`` → ``vietnamese``)."""
    name = LANGUAGE_NAMES.get(code)
    return name.lower() if name else None


def prepare(text: str) -> str:
    """The text as the model should see it: NFC, whitespace collapsed (the cards' WHITESPACE_HANDLER).

    NFC matters: the mT5 tokenizer drops the second diacritic of decomposed (NFD)
    Vietnamese ("Đồng" becomes "Đông").
    """
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


class Mt5Summarizer(Summarizer):
    """An mT5 seq2seq summarizer; cross-lingual when its config has a CrossSum ``langid_map``."""

    name = "abstractive"
    model: str

    def __init__(
        self,
        model: str,
        *,
        device: str = "auto",
        beams: int | None = None,
        threads: int | None = None,
        max_input_tokens: int = CARD_MAX_INPUT_TOKENS,
        backend: str = "auto",
        compute_type: str | None = None,
    ) -> None:
        super().__init__()
        ensure_available(model)
        self.model = model
        self.config: dict[str, Any] = model_config(model)
        langid_map = (self.config.get("task_specific_params") or {}).get("langid_map") or {}
        self.backend = self._choose_backend(backend, device, compute_type, cross_lingual=bool(langid_map))
        self.compute_type: str | None = None
        self.tokenizer: Any = None  # transformers' tokenizer (torch), or
        self.pieces: PieceTokenizer | None = None  # the model's own files (CTranslate2: no transformers)
        self.network: Any = None  # the torch model, or
        self.translator: Any = None  # the CTranslate2 one
        self.language_ids: dict[str, int] = {}
        if self.backend == "ct2":
            self.device = resolve_device(device, engine="ct2")
            self._load_ct2(compute_type, threads)
            tokenizer_limit = self.pieces.model_max_length if self.pieces else None
        else:
            tokenizer_limit = self._load_torch(device, threads, langid_map)
        limits = [max_input_tokens, tokenizer_limit]
        limits += [self.config.get(k) for k in ("n_positions", "max_position_embeddings")]
        # Tokenizers without a limit report a huge sentinel (1e30): ignore it.
        self.max_input_tokens = min(x for x in limits if isinstance(x, int) and 0 < x < 1_000_000)
        self.beams = beams or CARD_BEAMS

    def _load_torch(self, device: str, threads: int | None, langid_map: dict[str, Any]) -> object:
        """Load tokenizer and model in transformers; return the tokenizer's input limit."""
        torch, self.device = start(self.model, device, threads)
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.tokenizer = from_pretrained(AutoTokenizer, self.model)
        self.language_ids = self._language_ids(langid_map)
        # mT5 overflows in float16 (inf/NaN activations): bfloat16 where the GPU has it.
        dtype = torch.float32
        if self.device == "cuda" and torch.cuda.is_bf16_supported():
            dtype = torch.bfloat16
        self.network = from_pretrained(AutoModelForSeq2SeqLM, self.model, dtype=dtype)
        self.network.to(self.device).eval()
        return self.tokenizer.model_max_length

    def _choose_backend(self, backend: str, device: str, compute_type: str | None, *, cross_lingual: bool) -> str:
        """``choose_backend``, except that a cross-lingual model runs in torch (see the module docs)."""
        if cross_lingual and backend == "auto" and compute_type is None:
            choose_backend(backend, device)  # validates the names only
            return "torch"
        chosen = choose_backend(backend, device, compute_type)
        if chosen == "ct2" and cross_lingual:
            what = setting("compute_type") if compute_type and backend != "ct2" else "the CTranslate2 backend"
            raise InputError(
                f"{what} is not available for the cross-lingual model {self.model}: CTranslate2 cannot reproduce its "
                "decoding exactly (the language token that starts the decoder is left out of no_repeat_ngram_size); "
                f"use {setting('backend')} torch (or auto, without {setting('compute_type')})"
            )
        return chosen

    def _load_ct2(self, compute_type: str | None, threads: int | None) -> None:
        """Convert the model once (cached) and load it in CTranslate2."""
        require_ctranslate2()
        self.compute_type = supported_compute_type(compute_type or CT2_DEFAULT_COMPUTE_TYPE[self.device], self.device)

        def check(model_dir: Path, tokenizer: PieceTokenizer) -> None:
            vocabulary = target_vocabulary(model_dir)
            missing = [] if vocabulary is None else [t for t in tokenizer.vocab if t not in vocabulary]
            if missing:  # CTranslate2 would read them as <unk>: not the model torch runs
                reason = f"its CTranslate2 copy in {model_dir} lacks {len(missing)} tokens of its tokenizer; delete that folder"
                raise ModelUnavailableError(self.model, reason)

        loaded = load_converted(self.model, self.device, self.compute_type, threads, check)
        self.translator, self.model_dir, self.threads = loaded.translator, loaded.model_dir, loaded.threads
        self.pieces = loaded.tokenizer
        generation = loaded.generation
        # What transformers' generate takes from the model's generation config without being told.
        self.length_penalty = float(generation.get("length_penalty") or 1.0)
        # transformers forces </s> as the last of max_new_tokens when the config asks for it.
        self.forced_eos = generation.get("forced_eos_token_id") is not None

    def _language_ids(self, langid_map: dict[str, Any]) -> dict[str, int]:
        """Language name → decoder start token id, from a CrossSum-style langid_map (else empty)."""
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
        return all(_langid_name(lang) in self.language_ids for lang in (source_lang, target_lang))

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens of each text as ``summarize_piece`` would feed it (``</s>`` included)."""
        if not texts:
            return []
        if self.pieces is not None:
            return [len(tokens) for tokens in self.pieces.encode([prepare(t) for t in texts])]
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
        name = _langid_name(target_lang)
        if name is None or name not in self.language_ids:
            known = ", ".join(sorted(self.language_ids))
            raise InputError(f"model {self.model} has no language token for {target_lang!r}; its langid_map knows {known}")
        return self.language_ids[name]

    def summarize_piece(self, text: str, source_lang: str, target_lang: str, sentences: int) -> str:
        start = self.decoder_start(source_lang, target_lang)
        if self.translator is not None:
            return self._summarize_ct2(text, sentences)
        import torch

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

    def _summarize_ct2(self, text: str, sentences: int) -> str:
        """``summarize_piece`` in CTranslate2 (a one-language model: the decoder starts with its own token)."""
        return self._ct2_summaries([PieceRequest(text, "", "", sentences)])[0]

    def summarize_pieces(self, requests: Sequence[PieceRequest]) -> list[str]:
        """In CTranslate2, pieces of the same output bound share length-sorted batches (a
        piece's summary does not depend on its batch); torch runs them one at a time."""
        if self.translator is None:
            return super().summarize_pieces(requests)
        for r in requests:
            self.decoder_start(r.source_lang, r.target_lang)  # a one-language model: refuses another language
        return self._ct2_summaries(requests)

    def ct2_batch_tokens(self) -> int:
        """Padded input tokens per CTranslate2 call: ``CT2_BATCH_MEMORY`` of decoder cache
        (from the model's config), at least one whole piece."""
        c = self.config
        width = c.get("num_heads", 0) * c.get("d_kv", 0) or c.get("d_model")
        layers = c.get("num_decoder_layers") or c.get("num_layers")
        if not (isinstance(width, int) and isinstance(layers, int) and width > 0 and layers > 0):
            return self.max_input_tokens
        per_token = 2 * layers * width * 4 * self.beams  # keys and values, float32, every beam
        return max(self.max_input_tokens, min(CT2_MAX_BATCH_TOKENS, CT2_BATCH_MEMORY // per_token))

    def _ct2_summaries(self, requests: Sequence[PieceRequest]) -> list[str]:
        assert self.pieces is not None
        tokens = self.pieces.encode([prepare(r.text) for r in requests])  # with </s>, as CTranslate2 expects
        for t in tokens:
            if len(t) > self.max_input_tokens:  # map-reduce packs under the budget; this is a bug guard
                raise ValueError(f"a piece of {len(t)} tokens exceeds the summarizer's budget of {self.max_input_tokens}")
        # transformers' max_new_tokens counts a final </s>, CTranslate2's bound does not: without
        # a forced </s> an unfinished summary has max_new_tokens words in both.
        bounds = [self.max_new_tokens(len(t), r.sentences) for t, r in zip(tokens, requests, strict=True)]
        bounds = [max(1, b - 1) if self.forced_eos else b for b in bounds]
        out = [""] * len(requests)
        for bound in dict.fromkeys(bounds):
            group = [i for i, b in enumerate(bounds) if b == bound]
            for batch in length_batches([len(tokens[i]) for i in group], self.ct2_batch_tokens(), CT2_MAX_BATCH):
                rows = [group[j] for j in batch]
                results = self.translator.translate_batch(
                    [tokens[i] for i in rows],
                    max_batch_size=len(rows),
                    beam_size=self.beams,
                    no_repeat_ngram_size=CARD_NO_REPEAT_NGRAM,
                    length_penalty=self.length_penalty,
                    max_decoding_length=bound,
                    max_input_length=0,  # never truncate (the guard above holds)
                    return_scores=False,
                )
                self.model_calls += 1
                for i, result in zip(rows, results, strict=True):
                    # The hypothesis comes without the decoder start and </s>.
                    out[i] = self.pieces.decode(result.hypotheses[0], clean_up=False).strip()
        return out
