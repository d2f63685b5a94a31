"""`vnsum cache info|clear [--memory|--models]`: the translation memory and the CTranslate2
copies of models, shown and cleared (only what vnsum made; --yes or a terminal to ask on)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import vnsum.cli.cache as cache_cli
from vnsum.cli import main
from vnsum.memory import TranslationMemory, namespace_for


def cache(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["cache", *args], input=input)


@pytest.fixture
def caches(tmp_path, monkeypatch) -> dict[str, Path]:
    """A memory of 30 entries; two converted models, a conversion's leftover, and a file and
    a folder of the user's that are not vnsum's."""
    memory, models = tmp_path / "mem" / "memory.sqlite", tmp_path / "ct2"
    monkeypatch.setenv("VNSUM_MEMORY", str(memory))
    monkeypatch.setenv("VNSUM_CT2_CACHE", str(models))
    monkeypatch.delenv("VNSUM_MEMORY_MAX_MB", raising=False)
    with TranslationMemory(memory) as m:
        m.put_many(namespace_for("tiny", "r"), {f"Câu {i}.": f"Sentence {i}." for i in range(30)})
    for name, size in (("tiny-vi-en-local-1-int8", 5000), ("tiny-en-vi-local-2-int8", 7000)):
        (models / name).mkdir(parents=True)
        (models / name / "model.bin").write_bytes(b"\0" * size)
        (models / name / "config.json").write_text("{}", encoding="utf-8")
    (models / ".tiny-vi-en-local-3-int8.k2j3").mkdir()  # a conversion killed half-way
    (models / ".tiny-vi-en-local-3-int8.k2j3" / "model.bin").write_bytes(b"\0" * 100)
    (models / "notes.txt").write_text("mine", encoding="utf-8")
    (models / "my-folder").mkdir()
    return {"memory": memory, "models": models}


def test_info_shows_paths_entries_sizes_and_the_cap(caches):
    result = cache("info")
    assert result.exit_code == 0, result.output
    assert f"translation memory: {caches['memory']}" in result.output and "30 entries" in result.output
    assert "cap 1.0 GiB" in result.output
    assert f"converted models (CTranslate2): {caches['models']}" in result.output and "3 models" in result.output
    assert "tiny-vi-en-local-1-int8" in result.output and "my-folder" not in result.output
    doc = json.loads(cache("info", "--json").output)
    memory, models = doc
    assert memory["kind"] == "memory" and memory["entries"] == 30 and memory["max_bytes"] == 1024**3
    assert memory["size_bytes"] >= caches["memory"].stat().st_size > 0
    assert models["entries"] == 3 and models["size_bytes"] >= 12_100
    only = json.loads(cache("info", "--models", "--json").output)
    assert [c["kind"] for c in only] == ["models"]


def test_clear_needs_yes_without_a_terminal_and_removes_only_what_vnsum_made(caches):
    refused = cache("clear")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert cache("clear", "--memory", "--bogus").exit_code == 2
    assert json.loads(cache("info", "--json").output)[0]["entries"] == 30  # nothing touched

    cleared = cache("clear", "--memory", "--yes")
    assert cleared.exit_code == 0, cleared.output
    assert "cleared the translation memory: 30 entries" in cleared.stderr
    memory, models = json.loads(cache("info", "--json").output)
    assert memory["entries"] == 0 and models["entries"] == 3  # --memory only

    cleared = cache("clear", "--models", "-y")
    assert cleared.exit_code == 0 and "3 entries" in cleared.stderr
    assert sorted(p.name for p in caches["models"].iterdir()) == ["my-folder", "notes.txt"]
    assert cache("clear", "--yes").stderr.strip() == "nothing to clear"


def test_clear_asks_on_a_terminal(caches, monkeypatch):
    monkeypatch.setattr(cache_cli, "_can_ask", lambda: True)
    declined = cache("clear", "--models", input="n\n")
    assert declined.exit_code == 0 and "nothing cleared" in declined.stderr
    assert len(list(caches["models"].iterdir())) == 5
    accepted = cache("clear", input="y\n")
    assert accepted.exit_code == 0 and "cleared the converted models" in accepted.stderr
    assert json.loads(cache("info", "--json").output)[0]["entries"] == 0


def test_a_bad_cap_is_exit_2_and_a_missing_memory_is_not_created(tmp_path, monkeypatch):
    monkeypatch.setenv("VNSUM_MEMORY", str(tmp_path / "none" / "memory.sqlite"))
    monkeypatch.setenv("VNSUM_CT2_CACHE", str(tmp_path / "no-ct2"))
    monkeypatch.setenv("VNSUM_MEMORY_MAX_MB", "0")
    result = cache("info")
    assert result.exit_code == 0 and "not created yet (no cap)" in result.output
    assert cache("clear", "--yes").exit_code == 0 and not (tmp_path / "none").exists()
    monkeypatch.setenv("VNSUM_MEMORY_MAX_MB", "big")
    bad = cache("info")
    assert bad.exit_code == 2 and bad.stderr.startswith("vnsum: error: VNSUM_MEMORY_MAX_MB='big'")


def test_the_console_script_imports_no_model_library(caches):
    code = (
        "import sys; from vnsum.cli import main; main(['cache', 'info'], standalone_mode=False); "
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, timeout=60)
    assert done.returncode == 0 and done.stdout.strip().endswith("[]"), done.stderr
    script = subprocess.run(
        [str(Path(sys.executable).parent / "vnsum"), "cache", "info", "--json"], capture_output=True, text=True, timeout=60
    )
    assert script.returncode == 0 and json.loads(script.stdout)[1]["entries"] == 3
