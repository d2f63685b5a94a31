"""Tiny random-weight mT5 summarizers, built locally from the samples (no download).

They load through the same ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM.from_pretrained``
path as csebuetnlp/mT5_multilingual_XLSum and csebuetnlp/mT5_m2m_crossSum:

- a sentencepiece unigram model trained on both sample articles, with the T5 id
  conventions (``<pad>``=0, ``</s>``=1, ``<unk>``=2, no ``<s>``) and the 100
  ``<extra_id_N>`` sentinels appended by ``T5Tokenizer``;
- an ``MT5Config`` with one small layer each side, ``decoder_start_token_id`` = pad;
- with ``cross_lingual=True``, a CrossSum-style ``task_specific_params["langid_map"]``:
  ``{language name: [index, "▁<extra_id_N>"]}``, the token being an ordinary piece of
  the vocabulary (as in the mT5 sentencepiece model) used as the decoder start token.
  Indices and tokens are those of the real model (english 30 / ▁<extra_id_69>,
  vietnamese 12 / ▁<extra_id_87>; csebuetnlp/CrossSum seq2seq/debug/tokenizer_impl.py).

The sentencepiece model uses the identity normalization (the real mT5 one composes
characters), so NFD input really tokenizes differently from NFC here: a test that NFD
and NFC give the same tokens checks vnsum's own normalization. Output is random text.
"""

from __future__ import annotations

import io
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

#: The CrossSum langid_map entries for the two languages vnsum handles.
CROSSSUM_LANGID_MAP = {"english": [30, "▁<extra_id_69>"], "vietnamese": [12, "▁<extra_id_87>"]}


def _sample_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


def _train_spm(vocab_size: int) -> list[tuple[str, float]]:
    """(piece, score) pairs of a unigram model over both samples, T5 special ids first."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_sample_lines()),
        model_writer=model,
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        normalization_rule_name="identity",
        hard_vocab_limit=False,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    pieces = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    assert [p for p, _ in pieces[:3]] == ["<pad>", "</s>", "<unk>"], pieces[:3]
    return pieces


def build_tiny_mt5(out_dir: Path, *, cross_lingual: bool = False, seed: int = 0) -> Path:
    """Save a tiny mT5 summarizer (model + tokenizer) in ``out_dir``; return ``out_dir``."""
    import torch
    import transformers
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()

    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = _train_spm(400)
    lowest = min(score for _, score in vocab)
    known = {piece for piece, _ in vocab}
    # In mT5 the language tokens are plain sentencepiece pieces (rarely, if ever, produced).
    vocab += [(token, lowest - 1.0) for _, token in CROSSSUM_LANGID_MAP.values() if token not in known]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=100)
    tokenizer.save_pretrained(out_dir)

    config = MT5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=4,
        relative_attention_num_buckets=8,
        relative_attention_max_distance=32,
        dropout_rate=0.0,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=False,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        task_specific_params={"langid_map": dict(CROSSSUM_LANGID_MAP)} if cross_lingual else None,
    )
    torch.manual_seed(seed)
    MT5ForConditionalGeneration(config).eval().save_pretrained(out_dir)
    return out_dir
