"""``vnsum check``: a translation made elsewhere, checked against its source."""

from __future__ import annotations

from pathlib import Path

import click

from vnsum.cli import output as _io
from vnsum.cli.options import DEVICE_CHOICE, FORMAT_CHOICE, LANG_CHOICE, check_max_chars_option, debug_option, source_lang_option
from vnsum.errors import InputError


@click.command("check")
@click.argument("source", type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@click.argument("translation", type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@source_lang_option
@click.option("--to", "target_lang", type=LANG_CHOICE, default=None, help="Translation language [default: the other one].")
@click.option("-f", "--format", "fmt", type=FORMAT_CHOICE, default=None, help="Output format (as for translate).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to FILE (atomically).")
@click.option("--roundtrip", is_flag=True, help="Translate back to align better and score chrF (needs the translation model).")
@click.option("--fail-on", type=click.Choice(["warning", "error"]), default=None, help="Exit with code 4 when such flags exist.")
@click.option("--device", type=DEVICE_CHOICE, default="auto", show_default=True, help="Where models run.")
@click.option("--threads", type=click.IntRange(1), default=None, envvar="VNSUM_THREADS", help="CPU threads [default: all cores].")
@check_max_chars_option
@debug_option
def check_command(
    source: str,
    translation: str,
    source_lang: str,
    target_lang: str | None,
    fmt: str | None,
    output: Path | None,
    roundtrip: bool,
    fail_on: str | None,
    device: str,
    threads: int | None,
    max_chars: int | None,
) -> None:
    """Check TRANSLATION (made by a person or another system) against SOURCE, sentence by sentence.

    Either may be a web page (.html, .htm, or HTML content): its article is checked."""
    from vnsum.checking import MAX_CHARS, check_external
    from vnsum.sources import read_source
    from vnsum.translator import TranslateOptions, Translator

    if source == "-" and translation == "-":
        raise InputError("only one of SOURCE and TRANSLATION can be standard input")
    fmt = _io.default_format(fmt, output)
    if output is not None:
        _io.check_output(output, source)
        _io.check_output(output, translation)
    original, translated = read_source(source), read_source(translation)
    source_text, name, translation_text = original.text, original.name, translated.text
    translator = Translator(options=TranslateOptions(device=device, threads=threads)) if roundtrip else None
    with _io.status(f"Checking {name or 'standard input'}…"):
        result = check_external(
            source_text,
            translation_text,
            source_lang=source_lang,
            target_lang=target_lang,
            translator=translator,
            source_name=name,
            max_chars=max_chars or MAX_CHARS,
        )
    _io.emit(result, fmt, output)
    _io.fail_on(result, fail_on)
