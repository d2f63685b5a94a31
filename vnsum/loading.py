"""Loading Hugging Face models: one path for every backend and summarizer.

It checks the model can be had before importing torch (fail fast and cheap), quiets
transformers' progress bars, loads a cached hub model without touching the network, and
turns every loading failure into ``ModelUnavailableError``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vnsum.errors import InputError, ModelUnavailableError, setting
from vnsum.models import cached_snapshot, ensure_available, error_reason, is_cached, is_local, pull, tokenizer_files


def start(model: str, device: str, threads: int | None) -> tuple[Any, str]:
    """Check ``model`` is available, import torch, set threads; return (torch, device)."""
    ensure_available(model)
    import torch

    quiet_transformers()
    if threads:
        torch.set_num_threads(threads)
    return torch, resolve_device(device, engine="torch")


def quiet_transformers() -> None:
    """No progress bars, no warnings from transformers: vnsum reports what matters itself."""
    import transformers

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()


def resolve_device(device: str, *, engine: str = "any") -> str:
    """``cpu`` or ``cuda`` for ``auto``/``cpu``/``cuda``; an InputError for an unknown device
    or ``cuda`` without one. ``engine`` says who will run on it and so who is asked whether
    CUDA is there: ``torch``; ``ct2``; or ``any``: CTranslate2 when installed (it answers
    without importing torch, which costs seconds), else torch."""
    if device not in ("auto", "cpu", "cuda"):
        raise InputError(f"unknown device {device!r}; use auto, cpu or cuda")
    if device == "cpu":
        return device
    available = _cuda_available(engine)
    if device == "auto":
        return "cuda" if available else "cpu"
    if not available:
        raise InputError(f"{setting('device')} cuda: no CUDA device is available here (use {setting('device')} cpu or auto)")
    return device


def _cuda_available(engine: str) -> bool:
    if engine != "torch":
        try:
            import ctranslate2

            return bool(ctranslate2.get_cuda_device_count())
        except ImportError:
            if engine == "ct2":
                raise
    import torch

    return bool(torch.cuda.is_available())


def from_pretrained(cls: Any, model: str, **kwargs: Any) -> Any:
    """``cls.from_pretrained(model)``, offline when cached; failures → ModelUnavailableError.

    Every exception counts: a folder with a missing tokenizer file fails deep inside the
    tokenizer with a ``TypeError``, truncated weights with a ``SafetensorError``."""
    offline = not is_local(model) and is_cached(model)
    try:
        return cls.from_pretrained(model, local_files_only=offline, **kwargs)
    except (OSError, ValueError, ImportError) as e:
        raise ModelUnavailableError(model, _what(cls, model, error_reason(e))) from None
    except Exception as e:  # noqa: BLE001 — whatever a broken folder makes the library raise
        raise ModelUnavailableError(model, _what(cls, model, error_reason(e), broken=True)) from None


def _what(cls: Any, model: str, reason: str, *, broken: bool = False) -> str:
    """The reason, saying which part of a local folder could not be loaded and what it holds."""
    if not is_local(model):
        return reason
    folder = Path(model).expanduser()
    if "Tokenizer" in getattr(cls, "__name__", ""):
        found = ", ".join(tokenizer_files(folder)) or "none"
        return f"its tokenizer cannot be loaded ({reason}): a tokenizer file is missing or damaged (the folder has: {found})"
    if "Config" in getattr(cls, "__name__", ""):
        return f"its config.json cannot be read ({reason})"
    if broken:
        return f"its weights cannot be read ({reason}): the weight file is damaged or incomplete"
    return f"it cannot be loaded ({reason})"


def model_config(model: str) -> dict[str, Any]:
    """The model's ``config.json`` as a dict, without transformers: a local folder's, or the
    cached snapshot's (downloaded first when it is not cached)."""
    folder = Path(model).expanduser() if is_local(model) else cached_snapshot(model)
    if folder is None:
        pull(model)
        folder = cached_snapshot(model)
    if folder is None:
        raise ModelUnavailableError(model, "its config.json is not in the local cache after download")
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelUnavailableError(model, f"its config.json cannot be read ({error_reason(e)})") from None
    if not isinstance(config, dict):
        raise ModelUnavailableError(model, "its config.json is not a JSON object")
    return config
