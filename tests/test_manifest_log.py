"""The batch manifest: appended one line per finished article during a run (a crash loses no
written line and never corrupts one), a cut last line ignored on resume, compacted at the end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from vnsum.batch import MANIFEST, Batch, BatchOptions, BatchProgress
from vnsum.batch.manifest import ManifestLog, read_manifest
from vnsum.cli import main

SENTENCES = [
    "Hà Nội có mưa rào vào chiều nay.",
    "Giá vàng tăng 2 triệu đồng mỗi lượng.",
    "The ministry opened {i} new schools this year.",
    "Đội tuyển thắng {i} trận liên tiếp.",
]


def small_articles(path: Path, n: int) -> Path:
    """``n`` one- or two-sentence articles in a JSON Lines file, each different."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = SENTENCES[i % 4].format(i=i) + (f" Tin số {i}." if i % 3 == 0 else "")
            out.write(json.dumps({"id": f"a{i:05d}", "text": text}, ensure_ascii=False) + "\n")
    return path


def lines(out: Path) -> list[str]:
    return (out / MANIFEST).read_text(encoding="utf-8").splitlines()


def test_reader_keeps_the_last_record_and_skips_cut_or_damaged_lines(tmp_path):
    path = tmp_path / MANIFEST
    a1, b, a2 = {"path": "a", "status": "failed"}, {"path": "b", "status": "ok"}, {"path": "a", "status": "ok"}
    cut = json.dumps({"path": "c", "status": "ok", "note": "Hà Nội"}, ensure_ascii=False).encode()[:-9]  # mid-character
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in (a1, b)) + b"\xff\xfe\n" + json.dumps(a2).encode() + b"\n" + cut)
    records, was_cut = read_manifest(path)
    assert records == {"a": a2, "b": b} and was_cut
    log = ManifestLog(path)
    log.open(was_cut)
    log.append({"path": "c", "status": "ok"})
    log.sync(0)
    log.close()
    records, was_cut = read_manifest(path)
    assert records["c"] == {"path": "c", "status": "ok"} and not was_cut  # not glued to the cut line
    assert read_manifest(tmp_path / "missing.jsonl") == ({}, False)


class Watcher(BatchProgress):
    """After each finished article, the manifest on disk already holds its line."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.seen: list[int] = []

    def article(self, record: dict) -> None:
        on_disk = [json.loads(line) for line in lines(self.out)]
        assert on_disk[-1] == record
        self.seen.append(len(on_disk))


def test_each_finished_article_is_appended_then_the_manifest_is_compacted(tmp_path):
    src, out = small_articles(tmp_path / "in.jsonl", 6), tmp_path / "out"
    opts = BatchOptions(summarize=True, translate=False, chunk_articles=2)
    from vnsum.summarize import SummaryOptions

    summary = SummaryOptions(method="extractive", sentences=1)
    watcher = Watcher(out)
    result = Batch(src, out, opts, summary_options=summary, progress=watcher).run()
    assert result.ok == 6 and watcher.seen == [1, 2, 3, 4, 5, 6]

    # duplicated lines (as after crashes) are read in one pass, the last one counting; the
    # end of a run compacts them to one line per input
    (out / MANIFEST).write_text("\n".join(lines(out) * 2) + "\n", encoding="utf-8")
    again = Batch(src, out, opts, summary_options=summary).run()
    assert again.skipped == 6
    assert len(lines(out)) == 6 and [json.loads(x)["status"] for x in lines(out)] == ["skipped"] * 6


def test_a_cut_last_line_redoes_only_its_article(tmp_path):
    src, out = small_articles(tmp_path / "in.jsonl", 5), tmp_path / "out"
    args = ["batch", str(src), "-o", str(out), "--summarize", "--no-translate", "--method", "extractive", "-n", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    text = (out / MANIFEST).read_bytes()
    (out / MANIFEST).write_bytes(text[: text.rindex(b"\n", 0, len(text) - 1) + 40])  # the last line cut after 40 bytes
    rerun = CliRunner().invoke(main, args)
    assert rerun.exit_code == 0, rerun.output
    assert "1 ok, 0 failed, 4 skipped of 5" in rerun.stderr
    records = [json.loads(line) for line in lines(out)]
    assert [r["status"] for r in records] == ["skipped"] * 4 + ["ok"] and records[-1]["path"] == "a00004"


def test_sigkill_mid_run_leaves_valid_json_lines_and_a_rerun_redoes_nothing_finished(model_env, tmp_path):
    src, out = small_articles(tmp_path / "in.jsonl", 600), tmp_path / "out"
    cmd = [str(Path(sys.executable).parent / "vnsum"), "batch", str(src), "-o", str(out), "--chunk-articles", "8", "--no-cache"]
    env = {**os.environ, "VNSUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if (out / MANIFEST).exists() and (out / MANIFEST).stat().st_size > 8_000:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed mid-way"

    raw = (out / MANIFEST).read_bytes()
    complete, _, rest = raw.rpartition(b"\n")  # each line goes in one write(): a kill inside one
    assert complete and len(rest) < 4000  # is all but impossible, and its cut line would be ignored
    finished = [json.loads(line) for line in complete.decode("utf-8").split("\n")]  # every line is valid JSON
    assert all(r["status"] == "ok" for r in finished) and 0 < len(finished) < 600
    done = {r["path"] for r in finished}
    assert len(done) == len(finished)  # one line per article: appended, never rewritten

    rerun = subprocess.run([*cmd, "--chunk-articles", "64"], capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    final = {r["path"]: r for r in map(json.loads, lines(out))}
    assert len(final) == 600
    assert {p for p, r in final.items() if r["status"] == "skipped"} == done  # nothing finished is redone
    assert all(r["status"] == "ok" for p, r in final.items() if p not in done)


def test_max_failures_stops_early_with_exit_4_and_a_final_line(model_env, tmp_path, monkeypatch):
    """A model that fails every article: the run stops after --max-failures of them."""
    from vnsum.translator import Translator

    src, out = small_articles(tmp_path / "in.jsonl", 40), tmp_path / "out"

    def broken(self, documents, progress=None):
        raise RuntimeError("CUDA error: device-side assert triggered")

    monkeypatch.setattr(Translator, "translate_prepared", broken)
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--chunk-articles", "4", "--max-failures", "6", "--no-cache"])
    assert result.exit_code == 4, result.output
    said = result.stderr.splitlines()
    assert "vnsum batch: the limit of 6 failed articles was reached: stopping at the next safe point" in result.stderr
    (summary,) = [line for line in said if "not done (stopped early)" in line]  # the chunk that reached 6 is finished: 8
    assert summary.startswith("vnsum batch: 0 ok, 8 failed, 0 skipped, 32 not done (stopped early) of 40 in ")
    assert "(the limit of 6 failed articles was reached; 100% of the 8 tried failed, " in summary and summary.endswith(" articles/s)")
    assert said[-1].startswith(
        "vnsum: error: stopped early, the limit of 6 failed articles was reached (--max-failures): 32 of 40 inputs not done"
    )
    records = [json.loads(line) for line in lines(out)]
    failed = [r for r in records if r["status"] == "failed"]
    assert len(failed) == 8 and "device-side assert" in failed[0]["error"]
    assert "stopped early" in (out / "report.html").read_text(encoding="utf-8")

    monkeypatch.undo()
    monkeypatch.setenv("VNSUM_MODEL_VI_EN", str(model_env["vi-en"]))
    monkeypatch.setenv("VNSUM_MODEL_EN_VI", str(model_env["en-vi"]))
    again = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--chunk-articles", "4", "--max-failures", "6", "--no-cache"])
    assert again.exit_code == 0, again.output  # the cause fixed, the rerun finishes everything
    assert all(json.loads(line)["status"] == "ok" for line in lines(out))
