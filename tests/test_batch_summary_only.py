"""`vnsum batch --summarize --no-translate`: summaries (and their JSON) without any
translation model; extractive with no model at all, offline (conftest sets HF_HUB_OFFLINE
and clears the VNSUM_MODEL_* variables, so loading any model would be exit 3)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

from vnsum.batch import MANIFEST, REPORT
from vnsum.cli import main

SAMPLES = SAMPLE_FILES["vi"].parent
WEB = Path(__file__).parent / "data" / "web"


def batch(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def manifest(out: Path) -> dict[str, dict]:
    return {r["path"]: r for r in map(json.loads, (out / MANIFEST).read_text(encoding="utf-8").splitlines())}


def test_extractive_summaries_of_a_folder_need_no_model(tmp_path):
    out = tmp_path / "out"
    result = batch(SAMPLES, "-o", out, "--summarize", "--no-translate", "--method", "extractive", "-n", "2")
    assert result.exit_code == 0, result.output
    records = manifest(out)
    assert set(records) == {p.name for p in SAMPLES.glob("*.txt")}
    for path, r in records.items():
        stem, lang = Path(path).stem, path[:2]
        assert r["status"] == "ok" and r["translated"] is False and r["summarized"] is True
        assert r["source_lang"] == lang and r["target_lang"] is None and r["record"] is None
        assert r["outputs"] == [f"{stem}.summary.{lang}.txt", f"{stem}.summary.{lang}.json"]
        doc = json.loads((out / r["summary_record"]).read_text(encoding="utf-8"))
        assert doc["method"] == "extractive" and len(doc["summary"]) == 2
        assert not (out / f"{stem}.json").exists()  # no translation record
    report = (out / REPORT).read_text(encoding="utf-8")
    assert report.count("not translated (summary only)") == 2 and report.count('class="summary"') == 2
    assert "summarizing 2 articles" in result.stderr
    again = batch(SAMPLES, "-o", out, "--summarize", "--no-translate", "--method", "extractive", "-n", "2")
    assert again.exit_code == 0 and all(r["status"] == "skipped" for r in manifest(out).values())


def test_summary_only_reads_web_pages_and_writes_json_only(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for page in ("vi-article.html", "en-article.html"):
        (src / page).write_bytes((WEB / page).read_bytes())
    out = tmp_path / "out"
    result = batch(src, "-o", out, "--summarize", "--no-translate", "--method", "extractive", "-f", "json")
    assert result.exit_code == 0, result.output
    records = manifest(out)
    assert records["vi-article.html"]["outputs"] == ["vi-article.summary.vi.json"]
    doc = json.loads((out / "vi-article.summary.vi.json").read_text(encoding="utf-8"))
    assert doc["source_sentences"][0].startswith("Vun đắp")  # the title is the article's first sentence
    assert not any("<" in s for s in doc["source_sentences"])
    assert doc["warnings"][0].startswith("vi-article.html is a web page: read its article")


def test_abstractive_summary_only_loads_the_summarizer_alone(tiny_mt5_models, tmp_path, monkeypatch):
    monkeypatch.setenv("VNSUM_MODEL_SUMMARIZER", str(tiny_mt5_models["plain"]))
    out = tmp_path / "out"
    result = batch(SAMPLES, "-o", out, "--summarize", "--no-translate", "-n", "1")
    assert result.exit_code == 0, result.output
    for r in manifest(out).values():
        assert r["models"]["translation"] is None and r["models"]["summarizer"] == str(tiny_mt5_models["plain"])


def test_no_translate_usage_errors(tmp_path):
    alone = batch(SAMPLES, "-o", tmp_path / "a", "--no-translate")
    assert alone.exit_code == 2 and "add --summarize" in alone.stderr
    target = batch(SAMPLES, "-o", tmp_path / "b", "--no-translate", "--summarize", "--to", "en")
    assert target.exit_code == 2 and "--lang" in target.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
