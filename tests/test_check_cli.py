"""--check, --roundtrip, --fail-on and `vnsum check` through the CLI (tiny models where a model is needed)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

from vnsum.cli import main

DATA = Path(__file__).parent / "data"
VI, EN = DATA / "lao-visit.vi.txt", DATA / "lao-visit.en.txt"
VI_SAMPLE = str(SAMPLE_FILES["vi"])


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def segments(doc):
    return [s for p in doc["paragraphs"] for s in p["segments"]]


def test_external_human_translation_is_aligned_and_raises_no_error():
    result = run("check", VI, EN, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    segs = segments(doc)
    assert len(segs) == 3  # three sentences each side, aligned one to one
    assert segs[1]["source"].startswith("Ngày 16/7") and segs[1]["translation"].startswith("On July 16")
    errors = [f for s in segs for f in s["flags"] if f["severity"] == "error"]
    assert errors == [], errors  # a faithful translation gets no error
    assert doc["check_score"] is not None and doc["check_score"] >= 66


def test_external_translation_with_a_changed_date_and_a_lost_name(tmp_path):
    bad = tmp_path / "bad.en.txt"
    text = EN.read_text(encoding="utf-8").replace("On July 16", "On July 18").replace("Lê Hoài Trung, ", "")
    bad.write_text(text, encoding="utf-8")
    result = run("check", VI, bad, "-f", "json", "--fail-on", "error")
    assert result.exit_code == 4  # the document is still written
    doc = json.loads(result.stdout)
    kinds = {f["kind"] for f in segments(doc)[1]["flags"] if f["severity"] == "error"}
    assert {"number", "name"} <= kinds
    assert "--fail-on error" in result.stderr


def test_external_translation_missing_a_sentence_is_an_omission(tmp_path):
    short = tmp_path / "short.en.txt"
    short.write_text(EN.read_text(encoding="utf-8").split("\n\n")[0], encoding="utf-8")
    doc = json.loads(run("check", VI, short, "-f", "json").stdout)
    assert any(f["kind"] == "omission" for s in segments(doc) for f in s["flags"])
    assert sum(1 for s in segments(doc) if not s["translation"]) == 2


def test_check_view_marks_rows(tmp_path):
    bad = tmp_path / "bad.en.txt"
    bad.write_text(EN.read_text(encoding="utf-8").replace("July 15 to 17", "July 15 to 19"), encoding="utf-8")
    result = run("check", VI, bad, "-f", "view")
    assert result.exit_code == 0 and "✖ number" in result.stdout and "Checks:" in result.stdout


def test_check_bad_inputs_exit_2(tmp_path):
    assert run("check", VI, tmp_path / "missing.txt").exit_code == 2
    assert run("check", "-", "-", input="x").exit_code == 2


def test_translate_check_flags_segments_and_fail_on(model_env):
    result = run("translate", VI_SAMPLE, "--check", "-f", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["check_score"] is not None
    texts = [s for p in doc["paragraphs"] if p["kind"] == "text" for s in p["segments"]]
    # random tiny-model output loses the article's numbers and names: the checks must see it
    assert any(f["kind"] == "number" for s in texts for f in s["flags"])
    passthrough = [s for p in doc["paragraphs"] if p["kind"] == "passthrough" for s in p["segments"]]
    assert all(s["flags"] == [] for s in passthrough)
    failing = run("translate", VI_SAMPLE, "--fail-on", "error", "-f", "json")
    assert failing.exit_code == 4 and json.loads(failing.stdout)["check_score"] is not None


def test_translate_roundtrip_scores_with_chrf(model_env):
    doc = json.loads(run("translate", VI_SAMPLE, "--roundtrip", "-f", "json").stdout)
    assert any(f["kind"] == "roundtrip" for s in segments(doc) for f in s["flags"])


def test_text_format_sends_flags_to_stderr(model_env):
    result = run("translate", VI_SAMPLE, "--check")
    assert result.exit_code == 0 and "vnsum: flag: sentence " in result.stderr
    assert "vnsum: error" not in result.stderr  # a finding is not a failure of the command
    assert "✖" not in result.stdout


@pytest.mark.parametrize("method", ["extractive", "abstractive"])
def test_summarize_check(all_models_env, method):
    result = run("summarize", VI_SAMPLE, "--method", method, "--lang", "en", "--check", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["check_score"] is not None
    assert all("flags" in s for s in doc["summary"])
