"""`vnsum batch`: folders and JSON Lines in, outputs + manifest + report out, resumable and interruptible."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner
from conftest import squash
from hypothesis import given, settings
from hypothesis import strategies as st
from test_textio import to_cp1258
from tiny_models import SAMPLE_FILES

from vnsum.batch import MANIFEST, REPORT, Batch, BatchOptions, BatchProgress, Item, assign_stems, output_names, safe_name, translate_folder
from vnsum.cli import main

VI_TEXT = SAMPLE_FILES["vi"].read_text(encoding="utf-8")
EN_TEXT = SAMPLE_FILES["en"].read_text(encoding="utf-8")


def batch(*args):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


def manifest(out: Path) -> dict[str, dict]:
    return {r["path"]: r for r in map(json.loads, (out / MANIFEST).read_text(encoding="utf-8").splitlines())}


def variant(text: str, i: int) -> str:
    """The sample with its numbers changed, so that articles are not identical."""
    return re.sub(r"\d+", lambda m: str(int(m[0]) + i), text)


@pytest.fixture
def tree(tmp_path) -> Path:
    """Good articles in both languages, a nested folder, and the usual bad files."""
    src = tmp_path / "in"
    (src / "world" / "asia").mkdir(parents=True)
    (src / "vi-lao.txt").write_text(VI_TEXT, encoding="utf-8")
    (src / "en-lao.md").write_text(EN_TEXT, encoding="utf-8")
    (src / "world" / "asia" / "nested.txt").write_text(variant(EN_TEXT, 3), encoding="utf-8")
    (src / "world" / "cp1258.txt").write_bytes(to_cp1258(VI_TEXT[:900]))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (src / "notes.csv").write_text("not matched by the default globs", encoding="utf-8")
    (src / ".hidden.txt").write_text(EN_TEXT, encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("Zqxwv outside text that must never be read.", encoding="utf-8")
    (src / "link-out.txt").symlink_to(outside)
    return src


GOOD = {"vi-lao.txt": ("vi", "en"), "en-lao.md": ("en", "vi"), "world/asia/nested.txt": ("en", "vi"), "world/cp1258.txt": ("vi", "en")}
BAD = {"empty.txt": "empty", "binary.txt": "binary", "link-out.txt": "outside the input folder"}


def test_folder_outputs_manifest_report_and_resume(model_env, tree, tmp_path):
    out = tmp_path / "out"
    before = {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    result = batch(str(tree), "-o", str(out))
    assert result.exit_code == 4, result.output  # some failed, the rest went on
    assert "4 ok, 3 failed" in result.stderr and "articles/s" in result.stderr and "sentences/s" in result.stderr

    records = manifest(out)
    assert set(records) == set(GOOD) | set(BAD)  # .csv and hidden files are not inputs
    for path, (src, tgt) in GOOD.items():
        r = records[path]
        assert r["status"] == "ok" and r["error"] is None and (r["source_lang"], r["target_lang"]) == (src, tgt)
        assert len(r["sha256"]) == 64 and r["settings"] and r["models"]["translation"] == str(model_env[f"{src}-{tgt}"])
        assert r["seconds"]["translate"] >= 0 and r["sentences"] > 0
        stem = str(PurePosixPath(path).with_suffix(""))
        assert r["outputs"] == [f"{stem}.{tgt}.txt", f"{stem}.json"]
        doc = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))  # the translate --format json schema
        assert set(doc) >= {"source_lang", "target_lang", "model", "paragraphs", "stats", "warnings"} and doc["source_name"] == path
        text = (out / f"{stem}.{tgt}.txt").read_text(encoding="utf-8")
        assert text.rstrip("\n") == "\n".join(_translation_lines(doc))
    assert squash("".join(s["source"] for p in _json(out / "vi-lao.json")["paragraphs"] for s in p["segments"])) == squash(VI_TEXT)
    assert "Đ" in "".join(s["source"] for p in _json(out / "world/cp1258.json")["paragraphs"] for s in p["segments"])
    for path, words in BAD.items():
        assert records[path]["status"] == "failed" and words in records[path]["error"] and "\n" not in records[path]["error"]
    assert not (out / "link-out.json").exists() and "Zqxwv" not in _all_text(out)
    assert {p: p.read_bytes() for p in tree.rglob("*") if p.is_file()} == before  # inputs untouched
    assert not list(out.rglob("*.tmp"))

    page = (out / REPORT).read_text(encoding="utf-8")
    parsed = _parse(page)
    # sorted: 1 binary, 2 empty, 3 en-lao, 4 link-out, 5 vi-lao, 6 world/asia/nested, 7 world/cp1258
    assert parsed.ids >= {"index", "failures", "a3", "a5", "a6", "a7", "f1", "f2", "f4"} and "a1" not in parsed.ids
    assert not parsed.external, parsed.external  # self-contained: no src/href leaves the page
    for path in [*GOOD, *BAD]:
        assert path in parsed.text
    assert "looks like a binary file" in parsed.text and {"vi", "en"} <= parsed.langs

    again = batch(str(tree), "-o", str(out))  # the second run skips every done input
    assert again.exit_code == 4 and "0 ok, 3 failed, 4 skipped" in again.stderr
    records2 = manifest(out)
    assert {p for p, r in records2.items() if r["status"] == "skipped"} == set(GOOD)
    assert all(records2[p]["sha256"] == records[p]["sha256"] for p in GOOD)
    assert "vi-lao.txt" in _parse((out / REPORT).read_text(encoding="utf-8")).text  # skipped articles stay in the report

    (tree / "en-lao.md").write_text(variant(EN_TEXT, 7), encoding="utf-8")  # a changed input is redone, only it
    (tree / "empty.txt").write_text("Hà Nội hôm nay mưa to. Đường phố ngập nước.", encoding="utf-8")  # a fixed input now works
    third = batch(str(tree), "-o", str(out))
    assert third.exit_code == 4 and "2 ok, 2 failed, 3 skipped" in third.stderr
    assert manifest(out)["en-lao.md"]["status"] == "ok" and manifest(out)["empty.txt"]["status"] == "ok"


def test_settings_change_and_force_redo_everything(model_env, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (src / "b.txt").write_text(VI_TEXT, encoding="utf-8")
    assert batch(str(src), "-o", str(out)).exit_code == 0
    skipped = batch(str(src), "-o", str(out))
    assert skipped.exit_code == 0 and "0 ok, 0 failed, 2 skipped" in skipped.stderr
    md = batch(str(src), "-o", str(out), "-f", "markdown")  # other options: another settings hash
    assert md.exit_code == 0 and "2 ok, 0 failed, 0 skipped" in md.stderr
    assert "| Source (en) | Translation (vi) |" in (out / "a.vi.md").read_text(encoding="utf-8")
    forced = batch(str(src), "-o", str(out), "-f", "markdown", "--force")
    assert forced.exit_code == 0 and "2 ok" in forced.stderr
    other_model = batch(str(src), "-o", str(out), "-f", "markdown", "--to", "vi", "-m", str(model_env["en-vi"]))
    assert other_model.exit_code == 4  # b.txt is Vietnamese already: vi→vi fails, a.txt is redone (new model name)
    records = manifest(out)
    assert records["a.txt"]["status"] == "ok" and "both 'vi'" in records["b.txt"]["error"]
    (out / "a.json").unlink()  # a lost output is redone
    assert "1 ok" in batch(str(src), "-o", str(out), "-f", "markdown", "--to", "vi", "-m", str(model_env["en-vi"])).stderr


def test_jsonl_ids_never_escape_and_bad_lines_fail_alone(model_env, tmp_path):
    out = tmp_path / "deep" / "out"
    lines = [
        {"id": "../../escape", "text": EN_TEXT},
        {"id": "/etc/passwd", "text": "Bộ Ngoại giao cho biết hai bên đã ký 3 văn bản hợp tác."},
        {"id": "tin tức/Hà Nội: mưa?", "text": "Hà Nội mưa to trong 2 ngày. Nhiều tuyến phố bị ngập."},
        {"id": "DUP", "text": "The two sides signed 3 agreements."},
        {"id": "dup", "text": "They met in Hà Nội on Monday."},
        {"id": 42, "text": "The minister spoke for 20 minutes."},
        {"id": "no-text"},
        {"id": "empty", "text": "   "},
    ]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{not json\n"
    src = tmp_path / "items.jsonl"
    src.write_text(data, encoding="utf-8")
    result = batch(str(src), "-o", str(out), "-f", "json")
    assert result.exit_code == 4, result.output
    records = list(manifest(out).values())
    assert [r["status"] for r in records] == ["ok"] * 6 + ["failed"] * 3
    assert [r["id"] for r in records][:6] == ["../../escape", "/etc/passwd", "tin tức/Hà Nội: mưa?", "DUP", "dup", "42"]
    assert [r["path"] for r in records][:6] == ["escape", "etc/passwd", "tin tức/Hà Nội_ mưa_", "DUP", "dup-2", "42"]
    assert "line 9" in records[-1]["error"] and "JSON" in records[-1]["error"]
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(out.resolve()) for p in written if p != src)
    assert (out / "tin tức" / "Hà Nội_ mưa_.json").is_file()
    assert "0 ok, 3 failed, 6 skipped" in batch(str(src), "-o", str(out), "-f", "json").stderr


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=60))
def test_safe_name_never_leaves_the_output_folder(ident):
    name = safe_name(ident)
    parts = name.split("/")
    assert name and not name.startswith("/") and "\\" not in name and "\x00" not in name
    assert all(p and p not in (".", "..") and not p.startswith(".") and len(p.encode()) <= 200 for p in parts)
    root = Path("/srv/out")
    assert os.path.normpath(root / name).startswith("/srv/out/")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="aA./\\_-: ồ", max_size=12), max_size=12))
def test_assigned_stems_never_collide(ids):
    items = [Item(key=f"line-{i}", id=x) for i, x in enumerate(ids)]
    assign_stems(items, [safe_name(x) for x in ids], "text", True)
    files = [n.lower() for i in items for n in output_names(i.stem, "text", True)]
    dirs = {str(p).lower() for i in items for p in PurePosixPath(i.stem).parents if str(p) != "."}
    assert len(files) == len(set(files)) and not (set(files) & dirs)
    assert len({i.key for i in items}) == len(items)


@pytest.mark.parametrize("case", ["missing", "same", "contains-input", "plain-file"])
def test_bad_usage_exits_2_before_loading_models(tmp_path, case):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    args = {
        "missing": (str(tmp_path / "nope"), str(tmp_path / "out")),
        "same": (str(src), str(src)),
        "contains-input": (str(src), str(tmp_path)),
        "plain-file": (str(src / "a.txt"), str(tmp_path / "out")),
    }[case]
    result = batch(args[0], "-o", args[1])
    assert result.exit_code == 2 and "vnsum: error:" in result.stderr
    assert sorted(p.name for p in src.iterdir()) == ["a.txt"]


def test_output_inside_input_is_not_scanned_and_packs_articles(model_env, tmp_path, monkeypatch):
    from vnsum.translator import Translator

    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"a{i}.txt").write_text(variant(EN_TEXT if i % 2 else VI_TEXT, i), encoding="utf-8")
    calls: list[int] = []
    original = Translator.translate_prepared

    def spy(self, docs, progress=None):
        calls.append(len(docs))
        return original(self, docs, progress)

    monkeypatch.setattr(Translator, "translate_prepared", spy)

    progress = Recorder()
    result = translate_folder(src, src / "out", chunk_articles=3, progress=progress)
    assert calls == [3, 2]  # articles share model calls, three at a time
    assert result.ok == 5 and result.sentences > 0 and result.sentences_per_second > 0 and result.articles_per_second > 0
    kinds = [e[0] for e in progress.events]
    assert kinds[0] == "start" and kinds.count("chunk") == 2 and kinds.count("article") == 5 and kinds[-1] == "finish"
    assert round(sum(e[1] for e in progress.events if e[0] == "sentences")) == result.sentences
    again = Batch(src, src / "out", BatchOptions()).run()  # the outputs inside INPUT are not new inputs
    assert (again.total, again.skipped) == (5, 5)


def test_summaries_are_written_and_reported(model_env, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "vi.txt").write_text(VI_TEXT, encoding="utf-8")
    result = batch(str(src), "-o", str(out), "--summarize", "--method", "extractive", "--lang", "en", "-n", "2")
    assert result.exit_code == 0, result.output
    r = manifest(out)["vi.txt"]
    assert r["outputs"] == ["vi.en.txt", "vi.summary.en.txt", "vi.summary.en.json", "vi.json"]
    summary = _json(out / "vi.summary.en.json")
    assert summary["method"] == "extractive" and len(summary["summary"]) == 2 and summary["target_lang"] == "en"
    page = _parse((out / REPORT).read_text(encoding="utf-8"))
    assert "Summary (English, extractive" in page.text and summary["summary"][0]["source_text"] in page.text
    assert batch(str(src), "-o", str(out), "--lang", "en").exit_code == 2  # --lang without --summarize


def test_sigint_stops_cleanly_and_a_rerun_completes(model_env, tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(16):
        (src / f"{i:02d}.txt").write_text(variant(VI_TEXT if i % 2 else EN_TEXT, i), encoding="utf-8")
    cmd = ["vnsum", "batch", str(src), "-o", str(out), "--chunk-articles", "1"]
    env = {**os.environ, "VNSUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while not (out / "00.json").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "SIGINT" in stderr and "run the same command again" in stderr
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]
    records = manifest(out)
    assert records and all(r["status"] == "ok" for r in records.values()) and len(records) < 16
    for r in records.values():  # every recorded article is complete
        assert all((out / name).stat().st_size > 0 for name in r["outputs"])
        _json(out / r["record"])
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == {name for r in records.values() for name in r["outputs"]} | {MANIFEST, REPORT}  # no orphan, no partial
    assert "interrupted" in (out / REPORT).read_text(encoding="utf-8")

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    final = manifest(out)
    assert len(final) == 16 and all(r["status"] in ("ok", "skipped") for r in final.values())
    assert sum(r["status"] == "skipped" for r in final.values()) == len(records)


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="chromium is not installed")
def test_report_renders_offline_in_headless_chromium(model_env, tree, tmp_path):
    out = tmp_path / "out"
    batch(str(tree), "-o", str(out))
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    shot = tmp_path / "report.png"
    common = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    url = (out / REPORT).as_uri()
    subprocess.run([*common, f"--screenshot={shot}", "--window-size=1280,1800", url], capture_output=True, timeout=60, check=True)
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = subprocess.run([*common, "--dump-dom", url], capture_output=True, text=True, timeout=60, check=True).stdout
    for path in GOOD:
        assert path in dom
    assert "Failed inputs" in dom


# --------------------------------------------------------------------------- helpers


class Recorder(BatchProgress):
    def __init__(self) -> None:
        self.events: list[tuple] = []

    def start(self, *args):
        self.events.append(("start", *args))

    def chunk(self, *args):
        self.events.append(("chunk", *args))

    def sentences(self, n):
        self.events.append(("sentences", n))

    def article(self, record):
        self.events.append(("article", record))

    def finish(self, result):
        self.events.append(("finish", result))


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _translation_lines(doc: dict) -> list[str]:
    lines: list[str] = []
    for i, p in enumerate(doc["paragraphs"]):
        text = " ".join(s["translation"] for s in p["segments"])
        if i:
            lines.extend([""] * (max(1, p["newlines_before"]) - 1))
        lines.append(text)
    return "\n".join(lines).split("\n")


def _all_text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.langs: set[str] = set()
        self.external: list[str] = []
        self.chunks: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if "lang" in a:
            self.langs.add(a["lang"])
        for key in ("href", "src"):
            if key in a and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag == "link" or tag == "script":
            self.external.append(tag)
        if tag not in ("meta", "br", "col", "img", "link", "input", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])  # well nested
        self.stack.pop()

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert page.startswith("<!DOCTYPE html>") and not parser.stack
    return parser
