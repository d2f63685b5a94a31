"""The CTranslate2 backend: conversion and its cache, parity with torch, errors, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

from vnsum.backends.ct2 import CT2Backend, choose_backend, convert, converted_dir
from vnsum.backends.marian import MarianBackend
from vnsum.cli import main
from vnsum.errors import InputError
from vnsum.segment import split_sentences
from vnsum.translator import TranslateOptions, Translator

pytest.importorskip("ctranslate2")


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def sample_sentences(lang: str, n: int = 10) -> list[str]:
    text = SAMPLE_FILES[lang].read_text(encoding="utf-8")
    sentences = [" ".join(s.split()) for line in text.splitlines() if line.strip() for s in split_sentences(line, lang)]
    return sentences[:n]


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache of this test's own, so that it sees its own conversions."""
    cache = tmp_path / "ct2-cache"
    monkeypatch.setenv("VNSUM_CT2_CACHE", str(cache))
    return cache


@pytest.fixture
def count_conversions(monkeypatch):
    from ctranslate2.converters import TransformersConverter

    calls: list[str] = []
    original = TransformersConverter.convert

    def spy(self, output_dir, *args, **kwargs):
        calls.append(kwargs.get("quantization"))
        return original(self, output_dir, *args, **kwargs)

    monkeypatch.setattr(TransformersConverter, "convert", spy)
    return calls


def test_converts_once_and_reuses_the_cache(tiny_models, own_cache, count_conversions, capsys):
    first = CT2Backend(str(tiny_models["vi-en"]), "en", compute_type="float32", threads=1)
    assert count_conversions == ["float32"]
    assert "converting" in capsys.readouterr().err  # progress is shown, on stderr
    assert first.model_dir.parent == own_cache and (first.model_dir / "model.bin").is_file()
    mtime = (first.model_dir / "model.bin").stat().st_mtime_ns

    second = CT2Backend(str(tiny_models["vi-en"]), "en", compute_type="float32", threads=1)
    assert count_conversions == ["float32"]  # not converted again
    assert "converting" not in capsys.readouterr().err
    assert second.model_dir == first.model_dir and (second.model_dir / "model.bin").stat().st_mtime_ns == mtime
    assert second.translate(["Hà Nội."]) == first.translate(["Hà Nội."])
    assert not [p for p in own_cache.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_cache_key_has_the_compute_type_and_the_model_revision(tiny_models, own_cache, tmp_path):
    model = str(tiny_models["vi-en"])
    _, float32 = converted_dir(model, "float32")
    _, int8 = converted_dir(model, "int8")
    assert float32 != int8 and float32.name.endswith("-float32") and int8.name.endswith("-int8")
    assert float32.name.startswith("vi-en-local-")

    copy = shutil.copytree(tiny_models["vi-en"], tmp_path / "vi-en")
    _, before = converted_dir(str(copy), "int8")
    config = copy / "config.json"
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the model changed
    _, after = converted_dir(str(copy), "int8")
    assert before != after and before.parent == after.parent == own_cache


def test_hub_model_key_is_its_snapshot_commit(tmp_path, monkeypatch):
    snapshot = tmp_path / "hub" / "models--org--name" / "snapshots" / ("a1b2c3d4e5f6" + "0" * 28)
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    (snapshot / "model.safetensors").write_bytes(b"")
    monkeypatch.setattr("huggingface_hub.try_to_load_from_cache", lambda repo, name: str(snapshot / name))
    monkeypatch.setenv("VNSUM_CT2_CACHE", str(tmp_path / "cache"))
    source, target = converted_dir("org/name", "int8")
    assert source == snapshot
    assert target == tmp_path / "cache" / "org--name-a1b2c3d4e5f6-int8"


def test_a_conversion_finished_first_by_another_process_wins(tiny_models, own_cache, monkeypatch):
    from ctranslate2.converters import TransformersConverter

    model = str(tiny_models["vi-en"])
    source, target = converted_dir(model, "float32")
    original = TransformersConverter.convert

    def racing(self, output_dir, *args, **kwargs):
        original(self, output_dir, *args, **kwargs)
        shutil.copytree(output_dir, target)  # the other process renames its copy first
        (target / "winner").write_text("")
        return output_dir

    monkeypatch.setattr(TransformersConverter, "convert", racing)
    assert convert(model, source, target, "float32") == target
    assert (target / "winner").is_file()  # kept, not replaced
    assert [p.name for p in own_cache.iterdir()] == [target.name]


@pytest.mark.parametrize("direction", ["vi-en", "en-vi"])
def test_float32_greedy_output_is_the_torch_output(tiny_models, direction):
    source, target = direction.split("-")
    sentences = sample_sentences(source)
    torch_backend = MarianBackend(str(tiny_models[direction]), target, device="cpu", beams=1, threads=1)
    ct2_backend = CT2Backend(str(tiny_models[direction]), target, device="cpu", compute_type="float32", beams=1, threads=1)
    assert ct2_backend.language_token == torch_backend.language_token == (">>vie<<" if target == "vi" else None)
    assert ct2_backend.max_input_tokens == torch_backend.max_input_tokens
    assert ct2_backend.count_tokens(sentences) == torch_backend.count_tokens(sentences)
    assert ct2_backend.batches(ct2_backend.count_tokens(sentences)) == torch_backend.batches(torch_backend.count_tokens(sentences))

    progress: list[int] = []
    expected = torch_backend.translate(sentences)
    got = ct2_backend.translate(sentences, progress=progress.append)
    assert got == expected and all(got)
    assert ct2_backend.length_limited == torch_backend.length_limited  # the random model loops to the bound
    assert ct2_backend.model_calls == torch_backend.model_calls == len(progress) and sum(progress) == len(sentences)


def test_small_batches_are_the_torch_batches(tiny_models):
    # The output bound is per batch (from its longest input), so batching matters: it is the same.
    sentences = sample_sentences("vi", 6)
    small = {"batch_tokens": 64, "max_batch": 2, "threads": 1}
    torch_backend = MarianBackend(str(tiny_models["vi-en"]), "en", beams=1, **small)
    ct2_backend = CT2Backend(str(tiny_models["vi-en"]), "en", compute_type="float32", beams=1, **small)
    assert ct2_backend.translate(sentences) == torch_backend.translate(sentences)
    assert ct2_backend.model_calls == torch_backend.model_calls == len(ct2_backend.batches(ct2_backend.count_tokens(sentences))) >= 3


def test_int8_returns_one_output_per_input(tiny_models, en_article):
    translator = Translator(str(tiny_models["en-vi"]), TranslateOptions(threads=1, backend="ct2"))
    backend = translator.backend("en", "vi")
    assert isinstance(backend, CT2Backend) and backend.compute_type == "int8"
    sentences = sample_sentences("en", 12)
    out = backend.translate(sentences)
    assert len(out) == len(sentences) and all(isinstance(t, str) and t for t in out)
    result = translator.translate(en_article)
    assert result.language_token == ">>vie<<" and all(s.translation for s in result.segments if s.pieces)


def test_backend_choice(tiny_models, monkeypatch):
    assert choose_backend("torch", "auto") == "torch"
    assert choose_backend("auto", "cpu") == choose_backend("auto", "auto") == "ct2"  # no CUDA here
    assert choose_backend("auto", "cuda") == "torch"
    assert choose_backend("ct2", "cpu", "float32") == "ct2"
    with pytest.raises(InputError, match="CTranslate2 backend only"):
        choose_backend("torch", "cpu", "int8")
    default = Translator(str(tiny_models["vi-en"]), TranslateOptions(threads=1))
    assert isinstance(default.backend("vi", "en"), CT2Backend)
    explicit = Translator(str(tiny_models["vi-en"]), TranslateOptions(threads=1, backend="torch"))
    assert isinstance(explicit.backend("vi", "en"), MarianBackend)

    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # not installed
    assert choose_backend("auto", "cpu") == "torch"
    with pytest.raises(InputError, match="pip install"):
        choose_backend("ct2", "cpu")


def test_cli_ct2_float32_json_matches_torch(model_env):
    ct2 = run("translate", str(SAMPLE_FILES["vi"]), "--backend", "ct2", "--compute-type", "float32", "-f", "json")
    assert ct2.exit_code == 0, ct2.output
    torch = run("translate", str(SAMPLE_FILES["vi"]), "--backend", "torch", "-f", "json")
    assert torch.exit_code == 0, torch.output
    a, b = json.loads(ct2.stdout), json.loads(torch.stdout)
    assert a["source_lang"] == "vi" and a["target_lang"] == "en" and a["stats"]["sentences"] > 0
    assert a["paragraphs"] == b["paragraphs"] and a["paragraphs"]
    assert a["stats"]["model_calls"] == b["stats"]["model_calls"]
    assert a["stats"]["hit_length_limit"] == b["stats"]["hit_length_limit"]


def test_cli_int8_default_and_batch_options(model_env, tmp_path):
    default = run("translate", str(SAMPLE_FILES["en"]), "-f", "json")
    assert default.exit_code == 0 and json.loads(default.stdout)["language_token"] == ">>vie<<"
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLE_FILES["vi"], tmp_path / "in" / "a.txt")
    done = run("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--backend", "ct2", "--compute-type", "int8_float32")
    assert done.exit_code == 0, done.output
    (record,) = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["status"] == "ok" and (tmp_path / "out" / "a.en.txt").read_text(encoding="utf-8").strip()


def test_cli_usage_errors_exit_2(model_env, monkeypatch):
    both = run("translate", str(SAMPLE_FILES["vi"]), "--backend", "torch", "--compute-type", "int8")
    assert both.exit_code == 2 and "CTranslate2 backend only" in both.stderr
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    missing = run("translate", str(SAMPLE_FILES["vi"]), "--backend", "ct2")
    assert missing.exit_code == 2 and "pip install 'ctranslate2>=4.5'" in missing.stderr
    assert run("translate", str(SAMPLE_FILES["vi"]), "-f", "json").exit_code == 0  # auto falls back to torch


def _error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr
    return [line for line in stderr.splitlines() if line.startswith("vnsum: error:")]


def test_unsupported_architecture_is_exit_3(tiny_models, own_cache, tmp_path):
    folder = shutil.copytree(tiny_models["vi-en"], tmp_path / "bert-like")
    (folder / "config.json").write_text(json.dumps({"model_type": "bert", "architectures": ["BertModel"], "vocab_size": 426}))
    done = run("translate", "--backend", "ct2", "-m", str(folder), "--from", "vi", input="Hà Nội.")
    assert done.exit_code == 3
    (line,) = _error_lines(done.stderr)
    assert "cannot be converted for CTranslate2" in line and "BertConfig" in line
    assert not list(own_cache.iterdir())  # nothing half-written is left


def test_broken_weights_are_exit_3(tiny_models, own_cache, tmp_path):
    folder = shutil.copytree(tiny_models["vi-en"], tmp_path / "broken")
    (folder / "model.safetensors").write_bytes(b"not a safetensors file")
    done = run("translate", "--backend", "ct2", "-m", str(folder), "--from", "vi", input="Hà Nội.")
    assert done.exit_code == 3
    (line,) = _error_lines(done.stderr)
    assert "cannot be converted for CTranslate2" in line
    assert not list(own_cache.iterdir())


def test_help_does_not_import_ctranslate2():
    code = (
        "import sys; from vnsum.cli import main\n"
        "for args in (['--help'], ['translate', '--help'], ['batch', '--help']):\n"
        "    try: main(args)\n"
        "    except SystemExit: pass\n"
        "assert 'ctranslate2' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "--backend" in proc.stdout and "--compute-type" in proc.stdout
