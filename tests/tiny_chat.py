"""A tiny random-weight chat model, built locally from the samples (no download).

It loads through the same ``AutoTokenizer`` / ``AutoModelForCausalLM.from_pretrained``
path as Qwen2.5-Instruct: a byte-level BPE tokenizer trained on the two sample articles
(NFC, nothing stripped, so every Vietnamese letter survives), ChatML special tokens and
a ChatML ``chat_template``, and a one-layer ``Qwen2Config`` model.

The rows of the output layer that belong to special tokens are zero while every other
row is random, so under greedy decoding a special token (end of turn included) never
wins: every call writes exactly ``max_new_tokens`` tokens of random, non-empty text.
That keeps output lengths bounded and predictable for map-reduce tests.
"""

from __future__ import annotations

from pathlib import Path

from tiny_models import SAMPLE_FILES

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
# The ChatML layout of Qwen2.5-Instruct, without its default system prompt.
CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)


def _train_bpe(vocab_size: int):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),  # every byte: nothing is ever unknown
        show_progress=False,
    )
    lines = [line for path in SAMPLE_FILES.values() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tok.train_from_iterator(lines, trainer=trainer)
    return tok


def build_tiny_chat(out_dir: Path, seed: int = 0, *, chat_template: bool = True, max_positions: int = 2048) -> Path:
    """Save a tiny chat model and its tokenizer in ``out_dir``.

    ``chat_template=False`` saves a tokenizer without a chat template (a base model, not a
    chat model); ``max_positions`` is the model's context length.
    """
    import torch
    import transformers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    transformers.utils.logging.disable_progress_bar()
    out_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=_train_bpe(600),
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        model_max_length=max_positions,
        chat_template=CHAT_TEMPLATE if chat_template else None,
    )
    tokenizer.save_pretrained(out_dir)
    special = [tokenizer.convert_tokens_to_ids(t) for t in SPECIAL_TOKENS]
    config = Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=max_positions,
        tie_word_embeddings=False,
        bos_token_id=None,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config).eval()
    with torch.no_grad():
        model.lm_head.weight[special] = 0.0
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(out_dir)
    return out_dir
