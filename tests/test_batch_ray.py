"""`vnsum batch --engine ray`: the local engine's outputs, manifest and resume, on Ray workers
that survive being killed. One local Ray instance (2 CPUs) serves the whole module."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch import BAD, EN_TEXT, GOOD, VI_TEXT, manifest, variant
from test_batch import tree as tree  # noqa: F401  (the batch tests' folder, as a fixture)

from vnsum.batch import BatchOptions
from vnsum.cli import main


def batch(*args):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def ray_local():
    """A local Ray instance with 2 CPUs; ``--engine ray`` without --address reuses it."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed (pip install 'vnsum[ray]')")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    try:
        yield ray
    finally:
        ray.shutdown()


def _record_without_timings(path: Path) -> dict:
    doc = json.loads(path.read_text(encoding="utf-8"))
    for key in ("seconds", "load_seconds"):
        doc["stats"].pop(key)
    return doc


@pytest.mark.ray
def test_ray_gives_the_local_outputs_and_resumes_across_engines(model_env, ray_local, tree, tmp_path):  # noqa: F811
    local, remote = tmp_path / "local", tmp_path / "ray"
    common = ["--chunk-articles", "2", "--no-cache"]  # 2 chunks of good articles: both workers get one
    first = batch(str(tree), "-o", str(local), *common)
    assert first.exit_code == 4 and "4 ok, 3 failed" in first.stderr
    on_ray = batch(str(tree), "-o", str(remote), *common, "--engine", "ray", "--workers", "2")
    assert on_ray.exit_code == 4, on_ray.output
    assert "4 ok, 3 failed" in on_ray.stderr and "on 2 workers" in on_ray.stderr

    records, ray_records = manifest(local), manifest(remote)
    assert {p: r["status"] for p, r in ray_records.items()} == {p: r["status"] for p, r in records.items()}
    same = ("stem", "sha256", "settings", "error", "source_lang", "target_lang", "sentences", "outputs", "models", "flags")
    for path in [*GOOD, *BAD]:
        assert {k: ray_records[path].get(k) for k in same} == {k: records[path].get(k) for k in same}, path
    for path in GOOD:
        for name in records[path]["outputs"]:
            if name.endswith(".txt"):
                assert (remote / name).read_bytes() == (local / name).read_bytes(), name  # byte-identical translations
            else:
                assert _record_without_timings(remote / name) == _record_without_timings(local / name), name
    assert not list(remote.rglob("*.tmp")) and (remote / "report.html").is_file()

    # Resume works across engines: the settings hash does not depend on the engine.
    again = batch(str(tree), "-o", str(remote), *common)  # local after ray
    assert again.exit_code == 4 and "0 ok, 3 failed, 4 skipped" in again.stderr
    (tree / "en-lao.md").write_text(variant(EN_TEXT, 7), encoding="utf-8")
    third = batch(str(tree), "-o", str(local), *common, "--engine", "ray")  # ray after local: only the changed one
    assert third.exit_code == 4 and "1 ok, 3 failed, 3 skipped" in third.stderr
    assert manifest(local)["en-lao.md"]["status"] == "ok"


def _worker_pids() -> list[int]:
    """This machine's Ray Data worker actors (their process title names the map)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if cmdline.startswith("ray::") and "TranslateWorker" in cmdline:
                pids.append(int(entry.name))
    return pids


@pytest.mark.ray
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds worker processes in /proc")
def test_a_killed_worker_is_replaced_and_nothing_is_lost(model_env, ray_local, tmp_path):
    from vnsum.batch import BatchProgress
    from vnsum.batch.ray_engine import RayBatch
    from vnsum.translator import TranslateOptions

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    n = 10
    for i in range(n):
        (src / f"{i:02d}.txt").write_text(variant(VI_TEXT if i % 2 else EN_TEXT, i), encoding="utf-8")

    first_article = threading.Event()

    class Progress(BatchProgress):
        def article(self, record):
            first_article.set()

    runner = RayBatch(
        src, out, BatchOptions(chunk_articles=1), translate_options=TranslateOptions(threads=1), progress=Progress(), workers=2
    )
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.update(result=runner.run()), daemon=True)
    thread.start()
    assert first_article.wait(120), "no article finished"
    killed = None
    deadline = time.monotonic() + 30
    while killed is None and time.monotonic() < deadline:
        pids = _worker_pids()
        if pids:
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
        else:
            time.sleep(0.05)
    assert killed is not None, "no worker process found"
    thread.join(180)
    assert not thread.is_alive()
    result = outcome["result"]
    assert (result.ok, result.failed, result.pending) == (n, 0, 0), result.summary_line()
    records = manifest(out)
    assert len(records) == n and all(r["status"] == "ok" for r in records.values())
    for r in records.values():
        assert all((out / name).stat().st_size > 0 for name in r["outputs"])
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == {name for r in records.values() for name in r["outputs"]} | {"manifest.jsonl", "report.html"}
    assert killed not in _worker_pids()


def test_engine_ray_without_the_extra_exits_2(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    result = batch(str(src), "-o", str(tmp_path / "out"), "--engine", "ray")
    assert result.exit_code == 2 and "pip install 'vnsum[ray]'" in result.stderr
    assert not (tmp_path / "out").exists()
    local_only = batch(str(src), "-o", str(tmp_path / "out"), "--workers", "2")  # Ray options need --engine ray
    assert local_only.exit_code == 2 and "--engine ray" in local_only.stderr


def test_ray_stays_out_of_the_other_paths():
    import subprocess

    code = "import sys, vnsum.cli, vnsum.batch, vnsum.cli.batch; assert 'ray' not in sys.modules, 'ray imported'"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
