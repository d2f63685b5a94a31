"""Long work is not silent: sentences done / total, rate and ETA on stderr when it is a
terminal (whatever stdout or -o is), plain lines in a pipe with -v, nothing otherwise."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess

from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

from vnsum.cli import main

VI_SAMPLE = str(SAMPLE_FILES["vi"])


def terminal_stderr(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the console script with stderr on a pseudo-terminal; its exit code and what the terminal got."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(["vnsum", *args], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    got = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            got += data
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", got.decode("utf-8", "replace"))


def test_a_terminal_gets_a_progress_bar_even_when_the_output_goes_to_a_file(model_env, tmp_path):
    out = tmp_path / "out.txt"
    code, shown = terminal_stderr(["translate", VI_SAMPLE, "-o", str(out)], {**os.environ})
    assert code == 0 and out.read_text(encoding="utf-8").strip()
    assert re.search(r"\b15/15\b sentences", shown) and re.search(r"\d+\.\d/s", shown)  # count and rate
    assert "-:--:--" in shown or "0:00:" in shown  # the ETA column


def test_a_pipe_is_quiet_unless_verbose(model_env):
    quiet = CliRunner().invoke(main, ["translate", VI_SAMPLE])
    assert quiet.exit_code == 0 and "sentences" not in quiet.stderr
    verbose = CliRunner().invoke(main, ["translate", VI_SAMPLE, "-v"])
    assert verbose.exit_code == 0
    lines = [line for line in verbose.stderr.splitlines() if line.startswith("vnsum: Translating")]
    assert lines and re.search(r": 15/15 sentences, [\d.]+/s, ETA \d+ s$", lines[-1])
