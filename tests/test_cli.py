"""The command line, through click's runner and through the installed console script."""

import json
import os
import shutil
import subprocess
import sys
import unicodedata

import pytest
from click.testing import CliRunner
from conftest import squash
from test_textio import to_cp1258
from tiny_models import SAMPLE_FILES

from vnsum.cli import main

VI_SAMPLE, EN_SAMPLE = str(SAMPLE_FILES["vi"]), str(SAMPLE_FILES["en"])


def put(folder, name, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def test_help_does_not_import_torch_or_transformers():
    code = (
        "import sys; from vnsum.cli import main\n"
        "try: main(['--help'])\n"
        "except SystemExit: pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'huggingface_hub', 'sentencepiece', 'trafilatura', 'lxml') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "translate" in proc.stdout and "models" in proc.stdout


def test_console_script_translates_a_sample_to_a_pipe(model_env):
    proc = subprocess.run(["vnsum", "translate", VI_SAMPLE], capture_output=True, text=True, env={**os.environ})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "\x1b" not in out and "│" not in out  # plain text in a pipe
    assert "0:00 / 0:00" in out.splitlines()  # passthrough line kept as is
    assert len(out.rstrip("\n").split("\n")) == len(open(VI_SAMPLE, encoding="utf-8").read().strip().split("\n"))


@pytest.mark.parametrize("sample, direction", [(VI_SAMPLE, ("vi", "en")), (EN_SAMPLE, ("en", "vi"))])
def test_json_output_schema_and_no_loss(model_env, sample, direction):
    result = run("translate", sample, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["source_lang"], doc["target_lang"]) == direction
    assert set(doc) >= {"source_lang", "target_lang", "model", "paragraphs", "stats"}
    assert set(doc["stats"]) >= {"sentences", "pieces", "seconds"}
    segments = [s for p in doc["paragraphs"] for s in p["segments"]]
    assert all(set(s) == {"source", "translation", "pieces", "flags"} for s in segments)
    assert {p["kind"] for p in doc["paragraphs"]} <= {"text", "passthrough"}
    source = open(sample, encoding="utf-8").read()
    assert squash("".join(s["source"] for s in segments)) == squash(unicodedata.normalize("NFC", source))
    assert doc["stats"]["sentences"] == sum(1 for s in segments if s["pieces"])


def test_markdown_and_view_formats(model_env):
    md = run("translate", VI_SAMPLE, "-f", "markdown")
    assert md.exit_code == 0 and "| Source (vi) | Translation (en) |" in md.stdout
    view = run("translate", VI_SAMPLE, "-f", "view")
    assert view.exit_code == 0
    assert "vi → en" in view.stdout and "vi-lao-party-delegation.txt" in view.stdout
    assert "Vun đắp quan hệ" in view.stdout


def test_stdin_and_explicit_direction(model_env):
    result = run("translate", "-", "--from", "en", "--to", "vi", "-f", "json", input="Both sides agreed to cooperate. They met in Hà Nội.")
    doc = json.loads(result.stdout)
    assert result.exit_code == 0 and doc["target_lang"] == "vi" and doc["stats"]["sentences"] == 2


@pytest.mark.parametrize("encode", [lambda t: unicodedata.normalize("NFD", t).encode(), to_cp1258], ids=["nfd", "cp1258"])
def test_nfd_and_cp1258_files(model_env, tmp_path, encode):
    text = open(VI_SAMPLE, encoding="utf-8").read()
    path = tmp_path / "article.txt"
    path.write_bytes(encode(text))
    doc = json.loads(run("translate", str(path), "-f", "json").stdout)
    assert squash("".join(s["source"] for p in doc["paragraphs"] for s in p["segments"])) == squash(text)
    assert any("Lê Hoài Trung" in s["source"] for p in doc["paragraphs"] for s in p["segments"])


def test_output_file_written_atomically_by_suffix(model_env, tmp_path):
    out = tmp_path / "vi.json"
    result = run("translate", VI_SAMPLE, "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source_lang"] == "vi"
    assert [p.name for p in tmp_path.iterdir()] == ["vi.json"]  # no temp file left


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: put(d, "empty.txt", b""), "empty"),
        (lambda d: put(d, "blank.txt", b"\n \n"), "empty"),
        (lambda d: put(d, "img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), "binary"),
        (lambda d: put(d, "bad.txt", b"\x81\x8d\x8e\x8f\x90\x9d\x9e\x81" * 3), "not valid UTF-8"),
    ],
    ids=["missing", "directory", "empty", "blank", "binary", "undecodable"],
)
def test_bad_input_exit_2_one_line_no_traceback(model_env, tmp_path, make, message):
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    path = make(tmp_path)
    result = CliRunner().invoke(main, ["translate", str(path), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vnsum: error:") and message in lines[0]
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "keep me"  # nothing overwritten


def test_refuses_to_overwrite_its_input(model_env, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Hà Nội là thủ đô của Việt Nam.", encoding="utf-8")
    result = CliRunner().invoke(main, ["translate", str(src), "-o", str(src)])
    assert result.exit_code == 2 and "overwrite the input" in result.stderr
    assert src.read_text(encoding="utf-8") == "Hà Nội là thủ đô của Việt Nam."


def test_usage_error_exit_2():
    result = CliRunner().invoke(main, ["translate", "--to", "fr", VI_SAMPLE])
    assert result.exit_code == 2


def test_offline_missing_model_exit_3_with_one_clear_line(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path / "empty-cache")}
    env.pop("VNSUM_MODEL_VI_EN", None)
    proc = subprocess.run(["vnsum", "translate", VI_SAMPLE], capture_output=True, text=True, env=env)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Helsinki-NLP/opus-mt-vi-en" in lines[0]
    assert "vnsum models pull" in lines[0] and "--model" in lines[0]
    assert proc.stdout == ""


def test_model_folder_that_is_not_a_model_exit_3(tmp_path):
    result = CliRunner().invoke(main, ["translate", VI_SAMPLE, "--model", str(tmp_path)])
    assert result.exit_code == 3 and "config.json" in result.stderr


def test_unexpected_error_exit_1_traceback_only_with_debug(model_env, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("vnsum.translator.Translator.translate_prepared", boom)
    plain = CliRunner().invoke(main, ["translate", VI_SAMPLE])
    assert plain.exit_code == 1 and "disk on fire" in plain.stderr and "Traceback" not in plain.stderr
    debug = CliRunner().invoke(main, ["translate", VI_SAMPLE, "--debug"])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_models_lists_tasks_cache_state_and_licences(tmp_path, monkeypatch):
    monkeypatch.delenv("VNSUM_MODEL_VI_EN", raising=False)
    monkeypatch.delenv("VNSUM_MODEL_EN_VI", raising=False)
    result = run("models", env={"HF_HUB_CACHE": str(tmp_path)})
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[:3] == [
        ["task", "model", "set by", "cached", "licence"],
        ["translate vi→en", "Helsinki-NLP/opus-mt-vi-en", "default", "no", "apache-2.0"],
        ["translate en→vi", "Helsinki-NLP/opus-mt-en-vi", "default", "no", "apache-2.0"],
    ]
    by_task = {row[0]: row for row in rows[3:]}
    assert by_task["summarize (abstractive)"][1] == "csebuetnlp/mT5_multilingual_XLSum"
    assert "non-commercial" in by_task["summarize (abstractive)"][4] and "non-commercial" in by_task["summarize --strategy direct"][4]
    assert by_task["summarize --method llm"][1] == "Qwen/Qwen2.5-1.5B-Instruct"


def test_models_shows_environment_override_as_cached(model_env):
    rows = [line.split("\t") for line in run("models").stdout.splitlines()[1:]]
    assert rows[0][1:4] == [str(model_env["vi-en"]), "$VNSUM_MODEL_VI_EN", "yes"]
    assert rows[1][1:4] == [str(model_env["en-vi"]), "$VNSUM_MODEL_EN_VI", "yes"]


def test_models_pull_offline_exit_3(tmp_path):
    result = CliRunner().invoke(
        main, ["models", "pull", "Helsinki-NLP/opus-mt-vi-en"], env={"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path)}
    )
    assert result.exit_code == 3 and "HF_HUB_OFFLINE" in result.stderr


# ---- broken model folders: exit 3 naming what is missing, advice that fits a folder ----


def broken_copy(tiny_models, tmp_path, name, damage):
    folder = tmp_path / name
    shutil.copytree(tiny_models["vi-en"], folder)
    damage(folder)
    return folder


BROKEN = {
    "no tokenizer files": (
        lambda f: [p.unlink() for p in f.iterdir() if p.name not in ("config.json", "generation_config.json", "model.safetensors")],
        "no tokenizer files",
    ),
    "one tokenizer file missing": (lambda f: (f / "source.spm").unlink(), "needs source.spm"),
    "no weights": (lambda f: (f / "model.safetensors").unlink(), "no weights"),
    "truncated weights": (lambda f: os.truncate(f / "model.safetensors", 1000), "weights cannot be read"),
    "damaged tokenizer": (lambda f: (f / "source.spm").write_bytes(b"not a sentencepiece model"), "tokenizer cannot be loaded"),
}


@pytest.mark.parametrize("backend", ["torch", "ct2"])
@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_model_folder_is_exit_3_naming_what_is_missing(tiny_models, tmp_path, monkeypatch, case, backend):
    monkeypatch.setenv("VNSUM_CT2_CACHE", str(tmp_path / "ct2"))
    damage, message = BROKEN[case]
    folder = broken_copy(tiny_models, tmp_path, "broken-model", damage)
    result = CliRunner().invoke(main, ["translate", VI_SAMPLE, "--model", str(folder), "--backend", backend])
    assert result.exit_code == 3, result.output
    line = result.stderr.strip().splitlines()[-1]  # after CTranslate2's "converting" note
    assert line.startswith("vnsum: error: ") and str(folder) in line
    if backend == "torch" or case != "truncated weights":  # CTranslate2 reads the weights when converting
        assert message in line
    assert "models pull" not in line and "save_pretrained" in line  # advice for a folder, not a hub id
