"""Large batches: JSON Lines texts read when prepared, records read back from the manifest,
a summary report above ``FULL_REPORT_MAX`` inputs, and the per-article time-out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import vnsum.report
from vnsum.batch import MANIFEST, REPORT, discover, translate_folder
from vnsum.cli import main

LINES = [
    {"id": "a", "text": "Hà Nội mưa to trong 2 ngày. Nhiều tuyến phố bị ngập."},
    {"id": "b", "text": "Bộ Ngoại giao cho biết hai bên đã ký 3 văn bản hợp tác."},
    {"id": "c"},
    {"id": "d", "text": "The minister spoke for 20 minutes."},
]


def write_jsonl(path: Path, bom: bool = False) -> Path:
    text = "\n".join(json.dumps(x, ensure_ascii=False) for x in LINES) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_jsonl_items_keep_offsets_not_texts(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", bom=True)
    items = discover(src, tmp_path / "out")
    assert [i.id for i in items] == ["a", "b", "c", "d"]
    assert all(i.text is None for i in items)  # nothing of the texts is held after discovery
    assert items[2].error and "text" in items[2].error
    good = [i for i in items if not i.error]
    assert [i.load().decode("utf-8") for i in good] == [x["text"] for x in LINES if "text" in x]
    assert good[0].decode(good[0].load()).text == LINES[0]["text"]


def test_records_are_read_back_and_the_large_report_is_a_summary(model_env, tmp_path, monkeypatch):
    monkeypatch.setattr(vnsum.report, "FULL_REPORT_MAX", 2)
    src, out = write_jsonl(tmp_path / "in.jsonl"), tmp_path / "out"
    result = translate_folder(src, out, fmt="json", durable=False)
    assert (result.ok, result.failed, result.total) == (3, 1, 4)
    records = list(result.records)
    assert [r["status"] for r in records] == ["ok", "ok", "failed", "ok"] and result.records[2]["path"] == "c"
    on_disk = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert on_disk == records  # compacted: one line per input, in order
    page = (out / REPORT).read_text(encoding="utf-8")
    assert "too many for one page" in page and "Failed inputs (1)" in page and "no &quot;text&quot; string" in page
    assert "sbs" not in page.split("</style>")[1]  # no side-by-side tables
    again = translate_folder(src, out, fmt="json", durable=False)  # resume: the done ones are skipped
    assert (again.skipped, again.failed) == (3, 1)
    assert [r["status"] for r in again.records] == ["skipped", "skipped", "failed", "skipped"]
    assert [json.loads(line)["status"] for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()] == [
        "skipped",
        "skipped",
        "failed",
        "skipped",
    ]


def test_small_batches_keep_the_full_report(model_env, tmp_path):
    src, out = write_jsonl(tmp_path / "in.jsonl"), tmp_path / "out"
    translate_folder(src, out, fmt="json", durable=False)
    page = (out / REPORT).read_text(encoding="utf-8")
    assert "too many for one page" not in page and 'class="sbs"' in page


def test_article_timeout_fails_the_article_and_the_run_goes_on(model_env, tmp_path):
    src, out = write_jsonl(tmp_path / "in.jsonl"), tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(src), "-o", str(out), "-f", "json", "--article-timeout", "0.000001"], catch_exceptions=False
    )
    assert result.exit_code == 4, result.output
    records = [json.loads(line) for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in records] == ["failed"] * 4  # every article recorded: the run went on
    timed_out = [r for r in records if r["path"] != "c"]
    assert all("per-article time-out of 1e-06 s (--article-timeout)" in r["error"] for r in timed_out), timed_out
    again = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "-f", "json", "--article-timeout", "600"], catch_exceptions=False)
    assert again.exit_code == 4  # line c has no text; the others are done now
    statuses = [json.loads(line)["status"] for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert statuses == ["ok", "ok", "failed", "ok"]


def test_article_timeout_must_be_positive(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl")
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out"), "--article-timeout", "0"])
    assert result.exit_code == 2 and "Traceback" not in result.output
