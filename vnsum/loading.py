"""Loading Hugging Face models: one path for every backend and summarizer.

It checks the model can be had before importing torch (fail fast and cheap), quiets
transformers' progress bars, loads a cached hub model without touching the network, and
turns every loading failure into ``ModelUnavailableError``.
"""

from __future__ import annotations

from typing import Any

from vnsum.errors import InputError, ModelUnavailableError, setting
from vnsum.models import _reason, ensure_available, is_cached, is_local


def start(model: str, device: str, threads: int | None) -> tuple[Any, str]:
    """Check ``model`` is available, import torch, set threads; return (torch, device)."""
    ensure_available(model)
    import torch
    import transformers

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    if threads:
        torch.set_num_threads(threads)
    return torch, resolve_device(device)


def resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise InputError(f"{setting('device')} cuda: no CUDA device is available here (use {setting('device')} cpu or auto)")
    if device not in ("cpu", "cuda"):
        raise InputError(f"unknown device {device!r}; use auto, cpu or cuda")
    return device


def from_pretrained(cls: Any, model: str, **kwargs: Any) -> Any:
    """``cls.from_pretrained(model)``, offline when cached; failures → ModelUnavailableError."""
    offline = not is_local(model) and is_cached(model)
    try:
        return cls.from_pretrained(model, local_files_only=offline, **kwargs)
    except (OSError, ValueError, ImportError) as e:
        raise ModelUnavailableError(model, _reason(e)) from None
