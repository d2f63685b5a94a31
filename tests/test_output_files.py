"""What vnsum writes: the modes a plain write gives, an unwritable place refused before any
work, and a failure to write named by the user's path, never a temp file's."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

import vnsum.textio as textio
from vnsum.batch import MANIFEST, REPORT
from vnsum.cli import main
from vnsum.errors import OutputError

VI_SAMPLE = str(SAMPLE_FILES["vi"])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set a umask for the test, restore it after."""
    old = os.umask(0o022)
    yield lambda value: os.umask(value)
    os.umask(old)


@pytest.mark.parametrize("value", [0o022, 0o002, 0o077])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask, value):
    umask(value)
    path = tmp_path / "out.txt"
    textio.atomic_write(path, "x")
    assert mode(path) == 0o666 & ~value


@pytest.mark.parametrize("existing", [0o644, 0o640, 0o664])
def test_an_existing_file_keeps_its_mode(tmp_path, umask, existing):
    umask(0o077)
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(existing)
    textio.atomic_write(path, "new")
    assert (path.read_text(), mode(path)) == ("new", existing)


def test_cli_output_and_batch_files_get_ordinary_modes(model_env, tmp_path, umask):
    umask(0o022)
    out = tmp_path / "s.md"
    assert CliRunner().invoke(main, ["summarize", "--method", "extractive", VI_SAMPLE, "-o", str(out)]).exit_code == 0
    assert mode(out) == 0o644
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE_FILES["en"].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert {MANIFEST, REPORT} <= {p.name for p in files}
    assert {p.name: oct(mode(p)) for p in files} == {p.name: oct(0o644) for p in files}


# ---- refused before any work ----


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write to (root ignores permission bits: use /sys)."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if Path("/sys").is_dir() and not os.access("/sys", os.W_OK):
        return Path("/sys")
    try:
        textio.check_writable(Path("/sys") / "vnsum-probe", folder=True)
    except OutputError:
        return Path("/sys")
    pytest.skip("no unwritable folder for root here")


def cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    afile = tmp_path / "afile"
    afile.write_text("a file")
    return {
        "file in the path": (afile / "sub" / "x.txt", "afile is a file, not a folder"),
        "missing folder": (tmp_path / "nope" / "x.txt", "no such folder"),
        "read-only folder": (unwritable_folder(tmp_path) / "x.txt", "is not writable"),
    }


@pytest.mark.parametrize("case", ["file in the path", "missing folder", "read-only folder"])
@pytest.mark.parametrize("command", ["translate", "summarize"])
def test_an_unwritable_output_is_exit_2_before_any_model_loads(tmp_path, case, command):
    target, reason = cases(tmp_path)[case]
    code = (
        "import sys\nfrom vnsum.cli import main\n"
        f"try: main([{command!r}, {VI_SAMPLE!r}, '-o', {str(target)!r}])\n"
        "except SystemExit as e: print('torch' in sys.modules, file=sys.stderr); raise\n"
    )
    env = {**os.environ, "VNSUM_MODEL_VI_EN": str(tmp_path / "no-model"), "VNSUM_MODEL_SUMMARIZER": str(tmp_path / "no-model")}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert time.perf_counter() - start < 5  # start-up only: no model, no torch
    line, imported = proc.stderr.strip().splitlines()
    assert line.startswith("vnsum: error: cannot write ") and str(target) in line and reason in line
    assert imported == "False"


@pytest.mark.parametrize("case", ["file in the path", "read-only folder"])
def test_batch_into_an_unwritable_folder_is_exit_2_before_any_work(tmp_path, case):
    target, reason = cases(tmp_path)[case]
    out = target.parent / "out"
    result = CliRunner().invoke(main, ["batch", str(SAMPLE_FILES["vi"].parent), "-o", str(out)], env={"VNSUM_MODEL_VI_EN": "/no/model"})
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.stderr and str(out) in result.stderr and reason in result.stderr


# ---- failures after the work ----


def failing_replace(fail_when):
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if fail_when(Path(dst)):
            raise OSError(errno.EROFS, "Read-only file system", str(src))
        return real(src, dst, *args, **kwargs)

    return replace


def test_a_write_failure_after_the_work_names_the_users_path(tmp_path, monkeypatch):
    out = tmp_path / "summary.txt"
    monkeypatch.setattr(textio.os, "replace", failing_replace(lambda dst: True))
    result = CliRunner().invoke(main, ["summarize", "--method", "extractive", VI_SAMPLE, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"vnsum: error: cannot write {out}: read-only file system"
    assert list(tmp_path.iterdir()) == []  # no temp file left


def test_batch_write_failures_fail_the_articles_and_name_their_files(model_env, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE_FILES["en"].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.setattr(textio.os, "replace", failing_replace(lambda dst: dst.name.startswith("a.")))
    result = CliRunner().invoke(main, ["batch", str(src), "-o", str(out)])
    assert result.exit_code == 4, result.output
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert record["status"] == "failed" and record["error"].startswith(f"cannot write {out / 'a.'}") and ".tmp" not in record["error"]
    # the manifest itself cannot be written: exit 2, naming it
    monkeypatch.setattr(textio.os, "replace", failing_replace(lambda dst: dst.name == MANIFEST))
    again = CliRunner().invoke(main, ["batch", str(src), "-o", str(out)])
    assert again.exit_code == 2
    assert f"cannot write {out / MANIFEST}: read-only file system" in again.stderr and ".tmp" not in again.stderr
