"""Issue 12's smaller points: each one a surprise a new user met."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tiny_models import SAMPLE_FILES

from vnsum.batch import MANIFEST
from vnsum.cli import main
from vnsum.textio import decode_bytes

VI_SAMPLE, EN_SAMPLE = str(SAMPLE_FILES["vi"]), str(SAMPLE_FILES["en"])
NO_MODEL = {"VNSUM_MODEL_VI_EN": "/no/such/model", "VNSUM_MODEL_EN_VI": "/no/such/model", "VNSUM_MODEL_SUMMARIZER": "/no/such/model"}


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, input=input)


@pytest.mark.parametrize("command", [["translate"], ["summarize", "--method", "extractive"]])
def test_an_html_output_is_refused_not_filled_with_plain_text(tmp_path, command):
    out = tmp_path / "out.html"
    result = run(*command, VI_SAMPLE, "-o", out, env=NO_MODEL)
    assert result.exit_code == 2 and ".html" in result.stderr and "-f" in result.stderr
    assert not out.exists()
    chosen = run("summarize", "--method", "extractive", VI_SAMPLE, "-o", out, "-f", "text")  # asked for: written
    assert chosen.exit_code == 0 and out.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("command", [["translate"], ["summarize", "--method", "extractive"], ["check", EN_SAMPLE]])
def test_an_output_equal_to_the_input_is_refused_in_every_commands_words(tmp_path, command):
    src = tmp_path / "a.txt"
    src.write_text(SAMPLE_FILES["vi"].read_text(encoding="utf-8"), encoding="utf-8")
    args = ["check", src, EN_SAMPLE] if command[0] == "check" else [*command, src]
    result = run(*args, "-o", src, env=NO_MODEL)
    assert result.exit_code == 2 and "overwrite the input" in result.stderr
    assert "translation" not in result.stderr


@pytest.mark.parametrize(
    "args, words",
    [
        (["translate", "--to", "fr", VI_SAMPLE], "'--to'"),
        (["nosuchcommand"], "No such command"),
        (["--nosuchoption"], "No such option"),
        (["batch", VI_SAMPLE], "'-o'"),
        (["summarize", "-n", "0", VI_SAMPLE], "--sentences"),
    ],
)
def test_usage_errors_are_one_line(args, words):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vnsum: error: ") and words in lines[0] and "--help" in lines[0]


def test_debug_shows_the_traceback_without_telling_to_run_with_debug(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("vnsum.summarize.SummaryPipeline.summarize", boom)
    result = run("summarize", "--method", "extractive", VI_SAMPLE, "--debug")
    assert result.exit_code == 1 and "Traceback" in result.stderr and "disk on fire" in result.stderr
    assert "--debug" not in result.stderr


def test_check_findings_in_text_are_not_errors_of_the_command(tmp_path):
    changed = tmp_path / "en.txt"
    changed.write_text(SAMPLE_FILES["en"].read_text(encoding="utf-8").replace("2024", "2025"), encoding="utf-8")
    source = tmp_path / "vi.txt"
    source.write_text(SAMPLE_FILES["en"].read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", source, changed, "--from", "en", "--to", "en", "-f", "text")
    assert result.exit_code == 0
    assert "vnsum: flag: sentence " in result.stderr and "vnsum: error" not in result.stderr


def test_one_nul_byte_does_not_make_a_text_binary():
    text = decode_bytes(("Hà Nội mưa to.\x00 " + "Nhiều tuyến phố bị ngập. " * 20).encode())
    assert "\x00" not in text and text.startswith("Hà Nội mưa to. ")
    with pytest.raises(Exception, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_a_file_of_only_page_noise_loads_no_model(tmp_path):
    noise = tmp_path / "noise.txt"
    noise.write_text("0:00 / 0:00\n2024-12-04\nhttps://dangcongsan.vn/a\n", encoding="utf-8")
    result = run("translate", noise, env=NO_MODEL)  # loading a model would be exit 3
    assert result.exit_code == 2 and "nothing to translate" in result.stderr


def test_a_deleted_input_is_marked_removed_in_the_manifest(model_env, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SAMPLE_FILES["en"].read_text(encoding="utf-8"), encoding="utf-8")
    (src / "b.txt").write_text("The two sides signed 3 agreements.", encoding="utf-8")
    out = tmp_path / "out"
    assert run("batch", src, "-o", out).exit_code == 0
    assert run("batch", src, "-o", out).exit_code == 0  # all skipped
    (src / "b.txt").unlink()
    assert run("batch", src, "-o", out).exit_code == 0
    records = {r["path"]: r for r in map(json.loads, (out / MANIFEST).read_text(encoding="utf-8").splitlines())}
    assert records["a.txt"]["status"] == "skipped"
    assert records["b.txt"]["status"] == "removed" and "no longer there" in records["b.txt"]["error"]
    assert (out / "b.json").is_file()  # outputs are left in place


def test_duplicate_jsonl_ids_are_renamed_with_a_word(model_env, tmp_path):
    src = tmp_path / "items.jsonl"
    lines = [{"id": "x", "text": "The two sides signed 3 agreements."}, {"id": "x", "text": "They met in Hà Nội on Monday."}]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    result = run("batch", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    note = [line for line in result.stderr.splitlines() if "another line has this id" in line]
    assert len(note) == 1 and "line 2" in note[0] and "x-2" in note[0]
