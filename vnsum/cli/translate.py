"""``vnsum translate``: one document, Vietnamese⇄English."""

from __future__ import annotations

import click

from vnsum.cli import output as _io
from vnsum.cli.options import LANG_CHOICE, CheckFlags, DocumentIO, check_options, engine_options, io_options, translate_options
from vnsum.errors import InputError


@click.command("translate")
@io_options
@check_options
@click.option("--to", "target_lang", type=LANG_CHOICE, default=None, help="Target language [default: the other one].")
@click.option(
    "-m", "--model", default=None, help="Model name or local folder [default: by direction; env VNSUM_MODEL_VI_EN / VNSUM_MODEL_EN_VI]."
)
@engine_options
@click.option("--cache/--no-cache", default=False, show_default=True, help="Use the translation memory (on by default in batch).")
@click.option("--raw", is_flag=True, help="A web page as it is: its text translated in place, tags untouched (never sent to the model).")
@click.option(
    "-v", "--verbose", is_flag=True, help="Progress on stderr in a pipe too; at the end, where the time went (loading, translation)."
)
def translate_command(
    io: DocumentIO,
    checks: CheckFlags,
    target_lang: str | None,
    model: str | None,
    batch_tokens: int,
    max_input_tokens: int | None,
    backend: str,
    compute_type: str | None,
    cache: bool,
    raw: bool,
    verbose: bool,
) -> None:
    """Translate PATH (a file, a web page, or - for standard input) between Vietnamese and English.

    A web page (.html, .htm, or HTML content) gives its article: title, date and paragraphs,
    without menus, links, comments or scripts; --raw translates the whole page in place."""
    from vnsum.memory import TranslationMemory
    from vnsum.translator import Translator

    source, fmt = _io.prepare(io.path, io.output, io.fmt, raw=raw)
    name = source.name
    options = translate_options(io.device, io.beams, io.threads, batch_tokens, max_input_tokens, backend, compute_type)
    memory = TranslationMemory() if cache else None
    translator = Translator(model, options, memory=memory)
    document = translator.prepare(  # no model yet
        source.text, source_lang=io.source_lang, target_lang=target_lang, source_name=name, markup=source.markup
    )
    if not document.sentence_count:
        raise InputError("nothing to translate: no prose sentences (only page noise such as timestamps, links, dates)")
    unique = len({s for group in document.sentences for s in group})
    with _io.SentenceProgress(f"Translating {name or 'standard input'}", document.sentence_count, unique, verbose) as progress:
        result = translator.translate_prepared([document], progress=progress)[0]
        if checks.wanted:
            from vnsum.checking import check_translation_result

            result = check_translation_result(result, translator if checks.roundtrip else None)
    _io.emit(_io.noted(result, source), fmt, io.output)
    if verbose:
        st = result.stats
        hits = f", {translator.memory_hits} sentences from the translation memory" if memory is not None else ""
        click.echo(
            f"vnsum: time: {st.load_seconds:.2f} s loading (imports, model, conversion), "
            f"{st.seconds - st.load_seconds:.2f} s translating {st.sentences} sentences in {st.model_calls} model calls{hits}",
            err=True,
        )
    _io.fail_on(result, checks.fail_on)
