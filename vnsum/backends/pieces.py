"""Tokenizers for the CTranslate2 path without transformers: start-up is mostly imports.

CTranslate2 takes and returns token strings, so all it needs from a tokenizer is pieces
in and text out. Importing torch and transformers for that costs more than a short
article's whole translation; these read the model's own files instead and behave exactly
as transformers' tokenizer does (``tests/test_pieces.py`` compares them on the samples
and on tricky inputs):

- ``MarianPieces``: a Marian model's ``source.spm``/``target.spm`` (SentencePiece) and
  ``vocab.json``, read as transformers 5's ``MarianTokenizer`` reads them: special tokens
  split off first, a leading ``>>xxx<<`` language code kept whole, ``</s>`` appended,
  pieces outside the vocabulary as ``<unk>``; decoded with the *source* model when the
  vocabulary is shared (as transformers 5 does), special tokens skipped.
- ``TokenizersPieces``: any tokenizer transformers runs on the ``tokenizers`` library
  (mT5's), from the ``tokenizer.json`` transformers builds; it is saved beside the
  converted model at conversion time, the one moment transformers is imported.
- ``HFPieces``: transformers' own tokenizer, for any other model (the slow, old path).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Saved beside a converted model: the tokenizers-library form of its tokenizer.
TOKENIZER_FILE = "tokenizer.json"
_MARIAN_FILES = ("source.spm", "target.spm", "vocab.json")


class PieceTokenizer(ABC):
    """Text → token strings (with the model's special tokens) → text."""

    #: token → id, special and added tokens included.
    vocab: dict[str, int]
    #: The tokenizer's own input limit (None: none).
    model_max_length: int | None = None

    @abstractmethod
    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """The tokens the model takes for each text (``</s>`` included)."""

    @abstractmethod
    def decode(self, tokens: Sequence[str], *, clean_up: bool | None = None) -> str:
        """The text of generated tokens, special tokens skipped; ``clean_up`` as transformers'
        ``clean_up_tokenization_spaces`` (None: the tokenizer's configured default)."""

    def ids(self, tokens: Sequence[str]) -> list[int]:
        unk = self.vocab.get("<unk>", 0)
        return [self.vocab.get(t, unk) for t in tokens]


def _clean_up(text: str) -> str:
    """transformers' ``clean_up_tokenization``."""
    for before, after in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't")):
        text = text.replace(before, after)
    for suffix in ("'m", "'s", "'ve", "'re"):
        text = text.replace(" " + suffix, suffix)
    return text


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def tokenizer_config(folder: Path) -> dict[str, Any]:
    config = _read_json(folder / "tokenizer_config.json")
    return config if isinstance(config, dict) else {}


def _token(config: dict[str, Any], key: str, default: str) -> str:
    """A special token of ``tokenizer_config.json``: a string, or an AddedToken's dict."""
    value = config.get(key)
    if isinstance(value, dict):
        value = value.get("content")
    return value if isinstance(value, str) and value else default


def _max_length(config: dict[str, Any], default: int | None) -> int | None:
    value = config.get("model_max_length", default)
    return value if isinstance(value, int) and 0 < value < 1_000_000 else None


class MarianPieces(PieceTokenizer):
    """transformers' ``MarianTokenizer`` (shared vocabulary) on SentencePiece alone."""

    def __init__(self, folder: Path) -> None:
        import sentencepiece

        config = tokenizer_config(folder)
        vocab = _read_json(folder / "vocab.json")
        if not isinstance(vocab, dict):
            raise ValueError("vocab.json is not a JSON object")
        self.unk = _token(config, "unk_token", "<unk>")
        self.eos = _token(config, "eos_token", "</s>")
        pad = _token(config, "pad_token", "<pad>")
        if self.unk not in vocab:
            raise ValueError("<unk> token must be in the vocab")
        self.vocab = {str(k): int(v) for k, v in vocab.items()}
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self.model_max_length = _max_length(config, 512)
        self.clean_up_default = bool(config.get("clean_up_tokenization_spaces", False))
        # Added tokens: split off before SentencePiece, with transformers' strip rules.
        added: dict[str, dict[str, Any]] = {}
        for index, entry in (config.get("added_tokens_decoder") or {}).items():
            if isinstance(entry, dict) and entry.get("content"):
                added[str(entry["content"])] = entry
                self.vocab.setdefault(str(entry["content"]), int(index))
        for token in (self.eos, self.unk, pad):
            added.setdefault(token, {"special": True})
        self.added = added
        self.special = {t for t, e in added.items() if e.get("special", True)} | {self.eos, self.unk, pad}
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        for token in added:  # an added token's own spelling wins over a vocab entry of the same id
            self.id_to_token[self.vocab[token]] = token
        alternatives = "|".join(re.escape(t) for t in sorted(added, key=len, reverse=True))
        self._split = re.compile(f"({alternatives})")

    def _tokenize(self, text: str) -> list[str]:
        """``tokenize``: split on added tokens, a leading language code, then SentencePiece."""
        parts = [p for p in self._split.split(text)]
        for i, part in enumerate(parts):
            entry = self.added.get(part)
            if entry is None or i % 2 == 0:
                continue
            if entry.get("rstrip") and i + 1 < len(parts) and parts[i + 1]:
                parts[i + 1] = parts[i + 1].lstrip()
            if entry.get("lstrip") and i > 0 and parts[i - 1]:
                parts[i - 1] = parts[i - 1].rstrip()
        tokens: list[str] = []
        for i, part in enumerate(parts):
            if not part:
                continue
            if i % 2 == 1:
                tokens.append(part)
                continue
            if part.startswith(">>") and (end := part.find("<<")) != -1:
                tokens.append(part[: end + 2])
                part = part[end + 2 :]
            tokens.extend(self.source.encode(part, out_type=str))
        return tokens

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        # Through ids and back, as transformers feeds CTranslate2: unknown pieces become <unk>.
        return [[self.id_to_token[i] for i in self.ids(self._tokenize(t))] + [self.eos] for t in texts]

    def decode(self, tokens: Sequence[str], *, clean_up: bool | None = None) -> str:
        special_ids = {self.vocab[t] for t in self.special if t in self.vocab}
        kept = [self.id_to_token[i] for i in self.ids(tokens) if i not in special_ids]
        # transformers 5 decodes a shared-vocabulary Marian model with its source model.
        text = self.source.decode_pieces(kept).replace("▁", " ").strip()
        return _clean_up(text) if (self.clean_up_default if clean_up is None else clean_up) else text


class TokenizersPieces(PieceTokenizer):
    """A tokenizer of the ``tokenizers`` library: exactly transformers' fast tokenizer."""

    def __init__(self, tokenizer: Any, config: dict[str, Any]) -> None:
        self.tokenizer = tokenizer
        self.vocab = dict(tokenizer.get_vocab(with_added_tokens=True))
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        self.model_max_length = _max_length(config, None)
        self.clean_up_default = bool(config.get("clean_up_tokenization_spaces", False))
        self.unk_token = _token(config, "unk_token", "<unk>")

    @classmethod
    def from_file(cls, path: Path, config: dict[str, Any]) -> TokenizersPieces:
        from tokenizers import Tokenizer

        return cls(Tokenizer.from_file(str(path)), config)

    def ids(self, tokens: Sequence[str]) -> list[int]:
        unk = self.vocab.get(self.unk_token, 0)
        return [self.vocab.get(t, unk) for t in tokens]

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        if not texts:
            return []
        return [[self.id_to_token[i] for i in e.ids] for e in self.tokenizer.encode_batch(list(texts))]

    def decode(self, tokens: Sequence[str], *, clean_up: bool | None = None) -> str:
        text = str(self.tokenizer.decode(self.ids(tokens), skip_special_tokens=True))
        return _clean_up(text) if (self.clean_up_default if clean_up is None else clean_up) else text

    def save(self, folder: Path) -> None:
        """Write ``tokenizer.json`` into ``folder`` atomically (a reader never sees half of it)."""
        fd, tmp = tempfile.mkstemp(prefix=".tokenizer.", suffix=".json", dir=folder)
        os.close(fd)
        try:
            self.tokenizer.save(tmp)
            os.replace(tmp, folder / TOKENIZER_FILE)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


class HFPieces(PieceTokenizer):
    """transformers' own tokenizer (a model neither reader above knows)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab = dict(tokenizer.get_vocab())
        limit = tokenizer.model_max_length
        self.model_max_length = limit if isinstance(limit, int) and 0 < limit < 1_000_000 else None

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        if not texts:
            return []
        return [self.tokenizer.convert_ids_to_tokens(ids) for ids in self.tokenizer(list(texts))["input_ids"]]

    def decode(self, tokens: Sequence[str], *, clean_up: bool | None = None) -> str:
        ids = self.tokenizer.convert_tokens_to_ids(list(tokens))
        return str(self.tokenizer.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=clean_up))


def is_marian(folder: Path) -> bool:
    """A shared-vocabulary Marian tokenizer whose files are all there. Its class is named in
    ``tokenizer_config.json``, or, as in the opus-mt hub repositories, implied by the model
    type of ``config.json`` (which is how transformers picks it too)."""
    config = tokenizer_config(folder)
    tokenizer_class = config.get("tokenizer_class")
    if tokenizer_class is None:
        model = _read_json(folder / "config.json")
        tokenizer_class = "MarianTokenizer" if isinstance(model, dict) and model.get("model_type") == "marian" else None
    if tokenizer_class != "MarianTokenizer" or config.get("separate_vocabs"):
        return False
    return all((folder / f).is_file() for f in _MARIAN_FILES)


def light_tokenizer(source: Path, converted: Path) -> PieceTokenizer | None:
    """The model's tokenizer without transformers, if its files allow (None: they do not).

    ``source`` is the Hugging Face folder, ``converted`` the CTranslate2 copy (which holds
    the ``tokenizer.json`` saved at conversion)."""
    if is_marian(source):
        return MarianPieces(source)
    if (converted / TOKENIZER_FILE).is_file():
        return TokenizersPieces.from_file(converted / TOKENIZER_FILE, tokenizer_config(source))
    return None


def from_transformers(tokenizer: Any, source: Path) -> PieceTokenizer:
    """transformers' tokenizer as a ``PieceTokenizer``: its ``tokenizers`` core where it has one."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None and type(backend).__module__.startswith("tokenizers"):
        return TokenizersPieces(backend, tokenizer_config(source))
    return HFPieces(tokenizer)
