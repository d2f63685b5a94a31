"""Summaries written by an instruction-tuned chat model (Qwen2.5-Instruct and the like).

The prompt comes from a template file (``vnsum/templates.py``, ``vnsum/prompts/``): it
names the language to write in, so one call summarizes and translates at once. The
template is rendered, wrapped as one user message with the model's own chat template,
and decoded greedily; only the new tokens are kept.

Nothing is ever cut to fit. Each call's article text is held to ``max_input_tokens``,
computed so that prompt + article + answer fit the model's context, and ``map_reduce``
(``base.py``) splits longer articles into pieces under that budget.

torch and transformers are imported when the model is loaded, as in the Marian backend.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from vnsum.errors import InputError, ModelUnavailableError
from vnsum.loading import from_pretrained, start
from vnsum.models import LANGUAGE_NAMES
from vnsum.summarizers.base import Summarizer
from vnsum.templates import PromptTemplate, language_name, load_template

#: Article tokens per call unless told otherwise: long enough for most news articles in
#: one call, short enough for a 1.5B model on a CPU to stay attentive and quick.
DEFAULT_MAX_INPUT_TOKENS = 1024
#: Tokens kept free for the way an article tokenizes inside the prompt (a merge across
#: the boundary with the text before or after it) versus on its own.
SLACK_TOKENS = 16
#: Below this many article tokens per call, map-reduce would crawl: refuse instead.
MIN_INPUT_TOKENS = 64
# Reasoning models (Qwen3...) may think aloud first; the summary is what follows.
_THINKING = re.compile(r"<think>.*?(</think>|$)", re.DOTALL)


class ChatSummarizer(Summarizer):
    """A Hugging Face causal LM with a chat template, prompted from a template file."""

    name = "llm"

    def __init__(
        self,
        model: str,
        *,
        device: str = "auto",
        threads: int | None = None,
        template: PromptTemplate | None = None,
        max_input_tokens: int | None = None,
        max_new_tokens: int = 256,
    ) -> None:
        super().__init__()
        if max_new_tokens < 1:
            raise InputError(f"max_new_tokens must be positive, got {max_new_tokens}")
        if max_input_tokens is not None and max_input_tokens < 1:
            raise InputError(f"max_input_tokens must be positive, got {max_input_tokens}")
        self.template = template or load_template()
        torch, self.device = start(model, device, threads)
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.model = model
        self.max_new_tokens = max_new_tokens
        self.tokenizer = from_pretrained(AutoTokenizer, model)
        if not getattr(self.tokenizer, "chat_template", None):
            # Checked before the weights load: a base model would only continue the prompt.
            raise ModelUnavailableError(
                model, "its tokenizer has no chat template, so it is not a chat (instruction-tuned) model; use an -Instruct or -Chat model"
            )
        if self.device == "cuda":
            # bf16 where the GPU has it (Qwen was trained in bf16; fp16 can overflow), else fp16.
            dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        else:
            dtype = torch.float32
        self.lm = from_pretrained(AutoModelForCausalLM, model, dtype=dtype)
        self.lm.to(self.device).eval()
        self.generation_config = self._greedy(self.lm.generation_config)
        self.context = self._context_length()
        self.prompt_overhead = self._prompt_overhead()
        requested = max_input_tokens or DEFAULT_MAX_INPUT_TOKENS
        if self.context is None:
            self.max_input_tokens = requested
        else:
            room = self.context - self.prompt_overhead - max_new_tokens
            if room < MIN_INPUT_TOKENS:
                raise InputError(
                    f"model {model} has a context of {self.context} tokens: after the prompt ({self.prompt_overhead}) "
                    f"and the answer ({max_new_tokens} new tokens) only {max(room, 0)} are left for the article; "
                    "use a shorter prompt template or fewer new tokens"
                )
            self.max_input_tokens = min(requested, room)

    def _greedy(self, config: Any) -> Any:
        """The model's generation settings, made deterministic: greedy, no sampling knobs.

        Other settings (end-of-turn tokens, the model authors' repetition penalty) are kept.
        """
        config = copy.deepcopy(config)
        config.do_sample = False
        config.num_beams = 1
        config.temperature = None
        config.top_p = None
        config.top_k = None
        config.max_new_tokens = self.max_new_tokens
        config.max_length = None
        if config.pad_token_id is None:
            config.pad_token_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        return config

    def _context_length(self) -> int | None:
        """The most tokens the model takes, prompt and answer together, if it says."""
        limits = [getattr(self.lm.config, "max_position_embeddings", None), self.tokenizer.model_max_length]
        # A tokenizer that does not know its limit reports a huge sentinel (1e30).
        known = [x for x in limits if isinstance(x, int) and 0 < x < 10_000_000]
        return min(known) if known else None

    def _encode(self, prompt: str) -> Any:
        messages = [{"role": "user", "content": prompt}]
        return self.tokenizer.apply_chat_template(
            messages,
            add_generation_prompt=True,
            tokenize=True,
            return_dict=True,
            return_tensors="pt",
            enable_thinking=False,  # read by reasoning models' templates, ignored by others
        )

    def _prompt_overhead(self) -> int:
        """Tokens of the whole chat input except the article, at its longest."""
        longest = max(LANGUAGE_NAMES.values(), key=len)
        empty = self.template.render(article="", language=longest, sentences=999)
        return int(self._encode(empty)["input_ids"].shape[1]) + SLACK_TOKENS

    def supports_direct(self, source_lang: str, target_lang: str) -> bool:
        return True  # the prompt names the output language

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]]

    def summarize_piece(self, text: str, source_lang: str, target_lang: str, sentences: int) -> str:
        import torch

        n = self.count_tokens([text])[0]
        if n > self.max_input_tokens:  # map_reduce packs pieces under the budget; this is a bug guard
            raise ValueError(f"a piece of {n} tokens exceeds the chat model's article budget of {self.max_input_tokens}")
        prompt = self.template.render(article=text, language=language_name(target_lang), sentences=sentences)
        self.prompt = prompt
        enc = self._encode(prompt).to(self.device)
        with torch.inference_mode():
            generated = self.lm.generate(**enc, generation_config=self.generation_config)
        self.model_calls += 1
        new = generated[0, enc["input_ids"].shape[1] :]
        answer = self.tokenizer.decode(new, skip_special_tokens=True)
        return _THINKING.sub("", answer).strip()
