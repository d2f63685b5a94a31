"""Test set-up: no network, one thread per process, tiny local models built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports torch: two cores shared by several processes oversubscribe
# badly with torch's default threads, and tests must never reach a model hub.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["VNSUM_THREADS"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.pop("VNSUM_MODEL_VI_EN", None)
os.environ.pop("VNSUM_MODEL_EN_VI", None)

from tiny_models import SAMPLE_FILES, build_tiny_marian  # noqa: E402


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


@pytest.fixture
def model_env(tiny_models, monkeypatch) -> dict[str, Path]:
    """Point vnsum's model environment variables at the tiny models."""
    monkeypatch.setenv("VNSUM_MODEL_VI_EN", str(tiny_models["vi-en"]))
    monkeypatch.setenv("VNSUM_MODEL_EN_VI", str(tiny_models["en-vi"]))
    return tiny_models


@pytest.fixture(scope="session")
def vi_article() -> str:
    return SAMPLE_FILES["vi"].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def en_article() -> str:
    return SAMPLE_FILES["en"].read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Text with all whitespace removed: the no-loss invariant compares this."""
    return "".join(text.split())
