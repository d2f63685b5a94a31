"""Tiny random-weight Marian models, built locally from the samples (no download).

They go through the very same ``from_pretrained`` path as the real opus-mt models: a
sentencepiece model per language trained on the samples, a shared vocab.json, a small
MarianConfig and ``save_pretrained``. Their output is random text, so tests assert
structure (nothing lost, budgets kept, formats) rather than translation quality.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = {"vi": SAMPLES / "vi-lao-party-delegation.txt", "en": SAMPLES / "en-lao-vice-president-visit.txt"}


def _train_spm(lang: str, vocab_size: int) -> bytes:
    import sentencepiece as spm

    lines = [line for line in SAMPLE_FILES[lang].read_text(encoding="utf-8").splitlines() if line.strip()]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def _pieces(model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_tiny_marian(out_dir: Path, source_lang: str, target_lang: str, *, language_tokens: tuple[str, ...] = (), seed: int = 0) -> Path:
    """Save a tiny Marian model and tokenizer for ``source_lang``→``target_lang`` in ``out_dir``."""
    import torch
    import transformers
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    transformers.utils.logging.disable_progress_bar()

    out_dir.mkdir(parents=True, exist_ok=True)
    source_spm, target_spm = _train_spm(source_lang, 300), _train_spm(target_lang, 300)
    (out_dir / "source.spm").write_bytes(source_spm)
    (out_dir / "target.spm").write_bytes(target_spm)
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for token in [*language_tokens, *_pieces(source_spm), *_pieces(target_spm)]:
        if token not in ("<unk>", "<s>", "</s>", "<pad>"):
            vocab.setdefault(token, len(vocab))
    vocab["<pad>"] = len(vocab)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"),
        target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"),
        source_lang=source_lang,
        target_lang=target_lang,
    )
    tokenizer.save_pretrained(out_dir)
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=512,
        pad_token_id=vocab["<pad>"],
        eos_token_id=0,
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    # As in the opus-mt models' generation config: the pad token must never be generated.
    model.generation_config.bad_words_ids = [[vocab["<pad>"]]]
    model.save_pretrained(out_dir)
    return out_dir
