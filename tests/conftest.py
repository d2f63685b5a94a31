"""Test set-up: no network, one thread per process, tiny local models built once."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports torch: two cores shared by several processes oversubscribe
# badly with torch's default threads, and tests must never reach a model hub.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["VNSUM_THREADS"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
# The translation memory of tests lives in a temp folder, never in the user's cache.
os.environ["VNSUM_MEMORY"] = os.path.join(tempfile.mkdtemp(prefix="vnsum-test-memory-"), "memory.sqlite")
for _var in ("VNSUM_MODEL_VI_EN", "VNSUM_MODEL_EN_VI", "VNSUM_MODEL_SUMMARIZER", "VNSUM_MODEL_CROSSSUM", "VNSUM_MODEL_LLM"):
    os.environ.pop(_var, None)

from tiny_chat import build_tiny_chat  # noqa: E402
from tiny_models import SAMPLE_FILES, build_tiny_marian  # noqa: E402
from tiny_mt5 import build_tiny_mt5  # noqa: E402


def cuda_available() -> bool:
    """A CUDA device, asked of CTranslate2 (cheap) and else of torch."""
    try:
        import ctranslate2

        if ctranslate2.get_cuda_device_count():
            return True
    except ImportError:
        pass
    import torch

    return bool(torch.cuda.is_available())


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked ``gpu`` are skipped where there is no CUDA device."""
    gpu_tests = [item for item in items if "gpu" in item.keywords]
    if gpu_tests and not cuda_available():
        skip = pytest.mark.skip(reason="no CUDA device here")
        for item in gpu_tests:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def ct2_cache(tmp_path_factory) -> Path:
    """CTranslate2 conversions go to one folder per session (each tiny model converts once)."""
    path = tmp_path_factory.mktemp("ct2-cache")
    os.environ["VNSUM_CT2_CACHE"] = str(path)  # subprocesses (CLI tests) inherit it
    return path


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    """Tiny random-weight Marian models for both directions (en→vi is multi-target, like opus-mt-en-vi)."""
    import torch

    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("models")
    return {
        "vi-en": build_tiny_marian(root / "vi-en", "vi", "en"),
        "en-vi": build_tiny_marian(root / "en-vi", "en", "vi", language_tokens=(">>vie<<", ">>vie_Hani<<")),
    }


@pytest.fixture(scope="session")
def tiny_mt5_models(tmp_path_factory) -> dict[str, Path]:
    """A one-language (XL-Sum-like) and a cross-lingual (CrossSum-like) tiny mT5."""
    import torch

    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("mt5")
    return {"plain": build_tiny_mt5(root / "plain"), "cross": build_tiny_mt5(root / "cross", cross_lingual=True, seed=1)}


@pytest.fixture(scope="session")
def tiny_chat(tmp_path_factory) -> Path:
    """A tiny chat model (Qwen2 architecture, ChatML template)."""
    import torch

    torch.set_num_threads(1)
    return build_tiny_chat(tmp_path_factory.mktemp("chat") / "tiny-chat")


@pytest.fixture
def model_env(tiny_models, monkeypatch) -> dict[str, Path]:
    """Point vnsum's translation-model environment variables at the tiny models."""
    monkeypatch.setenv("VNSUM_MODEL_VI_EN", str(tiny_models["vi-en"]))
    monkeypatch.setenv("VNSUM_MODEL_EN_VI", str(tiny_models["en-vi"]))
    return tiny_models


@pytest.fixture
def all_models_env(model_env, tiny_mt5_models, tiny_chat, monkeypatch) -> dict[str, Path]:
    """Every model variable pointed at a tiny local model."""
    monkeypatch.setenv("VNSUM_MODEL_SUMMARIZER", str(tiny_mt5_models["plain"]))
    monkeypatch.setenv("VNSUM_MODEL_CROSSSUM", str(tiny_mt5_models["cross"]))
    monkeypatch.setenv("VNSUM_MODEL_LLM", str(tiny_chat))
    return {**model_env, "summarizer": tiny_mt5_models["plain"], "crosssum": tiny_mt5_models["cross"], "llm": tiny_chat}


@pytest.fixture(scope="session")
def vi_article() -> str:
    return SAMPLE_FILES["vi"].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def en_article() -> str:
    return SAMPLE_FILES["en"].read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Text with all whitespace removed: the no-loss invariant compares this."""
    return "".join(text.split())
