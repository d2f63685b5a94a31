"""The batch report: one self-contained static HTML page a person opens and reads.

No script, no external font, stylesheet, image or link: it opens offline, from a mail
attachment or a USB stick. It renders the JSON records of ``vnsum batch`` (the schemas
of ``translate``/``summarize --format json``) and the manifest records, so a rerun that
skipped every article still shows all of them. Everything from the inputs is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from vnsum.models import LANGUAGE_NAMES

STATUS_LABELS = {"ok": "ok", "skipped": "done before", "failed": "failed", "pending": "not done"}

_CSS = """
:root { --ink:#1f2328; --muted:#656d76; --line:#d8dee4; --bg:#f6f7f9; --card:#fff; --accent:#0b5cad;
  --ok:#1a7f37; --skip:#57606a; --fail:#cf222e; --pend:#9a6700; --flag:#fff4d6; --flag-err:#ffe3e0; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); line-height:1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size:16px; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 64px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.3rem; margin: 0 0 4px; word-break: break-word; }
h3 { font-size: 1rem; margin: 20px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 0 0 20px; }
.sub { color: var(--muted); font-size: .92rem; margin: 0; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0 0; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; background: var(--bg); font-size: .92rem; }
.stats b { font-size: 1.1rem; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: var(--card); }
.index td.num, .index th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.index tr:nth-child(even) td { background: #fafbfc; }
.index td.name { word-break: break-word; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: .8rem; font-weight: 600; color: #fff;
  white-space: nowrap; }
.badge.ok { background: var(--ok); } .badge.skipped { background: var(--skip); }
.badge.failed { background: var(--fail); } .badge.pending { background: var(--pend); }
.pill { display: inline-block; border-radius: 6px; padding: 0 7px; font-size: .78rem; font-weight: 600; white-space: nowrap; }
.pill.error { background: var(--flag-err); color: #a40e26; } .pill.warning { background: var(--flag); color: #7d4e00; }
.pill.info { background: #ddf4ff; color: #0550ae; } .pill.split { background: #eef1f4; color: var(--muted); }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 12px; }
.top { float: right; font-size: .85rem; }
.summary { border-left: 4px solid var(--accent); background: #f3f8fe; border-radius: 0 8px 8px 0; padding: 10px 16px; margin: 0 0 8px; }
.summary ol { margin: 4px 0; padding-left: 22px; } .summary li { margin: 4px 0; }
.summary .orig { display: block; color: var(--muted); font-size: .9rem; }
.summary .ev { color: var(--muted); font-size: .8rem; white-space: nowrap; }
table.sbs { table-layout: fixed; }
table.sbs th { position: sticky; top: 0; z-index: 1; box-shadow: 0 1px 0 var(--line); }
table.sbs col.n { width: 3.2em; }
table.sbs td.n { color: var(--muted); font-size: .78rem; text-align: right; font-variant-numeric: tabular-nums; padding-right: 4px; }
table.sbs td { word-wrap: break-word; overflow-wrap: anywhere; }
table.sbs tr.pstart td { border-top: 2px solid #c4ccd4; }
table.sbs tr.pass td { color: #8c959f; font-style: italic; font-size: .88rem; }
table.sbs tr.flagged td { background: var(--flag); } table.sbs tr.flagged.error td { background: var(--flag-err); }
.flags { margin: 6px 0 0; padding: 0; list-style: none; font-size: .85rem; color: #57370a; }
.flags li { margin: 2px 0; }
.warnings { margin: 12px 0 0; padding-left: 20px; color: #7d4e00; font-size: .9rem; }
.error-text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88rem; color: #a40e26;
  background: #fff5f5; border-radius: 6px; padding: 6px 10px; display: block; white-space: pre-wrap; word-break: break-word; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: .8rem; text-align: center; margin-top: 32px; }
@media (max-width: 760px) { table.sbs, table.sbs tbody, table.sbs tr, table.sbs td { display: block; width: 100%; }
  table.sbs thead, table.sbs col { display: none; } table.sbs td.n { text-align: left; } }
@media print { body { background: #fff; } .card { border: 0; padding: 0; } .top { display: none; }
  table.sbs tr { break-inside: avoid; } section.article { break-before: page; } }
"""


@dataclass(frozen=True)
class ReportEntry:
    """One input: its manifest record, and its JSON records when it was translated."""

    record: dict
    translation: dict | None = None
    summary: dict | None = None


def render_report(entries: list[ReportEntry], result: Any = None, *, source: str = "", title: str = "vnsum batch report") -> str:
    """The whole page as a string. ``result`` is a ``BatchResult`` (or None)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}{' — ' + escape(source) if source else ''}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<main id="top">',
        _header(entries, result, source, title),
        _index(entries),
        _failures(entries),
    ]
    for n, entry in enumerate(entries, 1):
        if entry.translation is not None or entry.summary is not None:
            out.append(_article(n, entry))
    out.append("<footer>Made by vnsum batch. Machine translation: check names, numbers and quotes against the source.</footer>")
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)


#: Above this many inputs the report is a summary (counts; failed and flagged inputs listed,
#: the rest in the manifest): a table of 100,000 rows is not a page a person opens.
FULL_REPORT_MAX = 1000
#: At most this many failed (and flagged) inputs are listed in a summary report.
SUMMARY_LIST_MAX = 1000


def render_summary(
    records: Iterable[dict], result: Any = None, *, source: str = "", manifest: str = "manifest.jsonl", title: str = "vnsum batch report"
) -> str:
    """The page of a large batch, in one pass over its records: counts, the failed inputs
    and those with flags (at most ``SUMMARY_LIST_MAX`` each); every input is in ``manifest``."""
    counts: dict[str, int] = {}
    failed: list[dict] = []
    flagged: list[dict] = []
    models: set[str] = set()
    flags = n_flagged = 0
    for r in records:
        status = r.get("status", "pending")
        counts[status] = counts.get(status, 0) + 1
        models |= {m for m in (r.get("models") or {}).values() if m}
        if status == "failed" and len(failed) < SUMMARY_LIST_MAX:
            failed.append(r)
        if r.get("flags") and status in ("ok", "skipped"):
            flags += r["flags"]
            n_flagged += 1
            if len(flagged) < SUMMARY_LIST_MAX:
                flagged.append(r)
    total = sum(counts.values())
    stats = [f"<li><b>{total}</b>inputs</li>"]
    stats += [
        f'<li><span class="badge {s}">{escape(STATUS_LABELS[s])}</span> <b>{counts[s]}</b></li>'
        for s in ("ok", "skipped", "failed", "pending")
        if counts.get(s)
    ]
    stats.append(f"<li><b>{flags}</b>flag{'s' if flags != 1 else ''}</li>")
    if result is not None and getattr(result, "ok", None):
        stats.append(f"<li><b>{result.articles_per_second:.2f}</b>articles/s · <b>{result.sentences_per_second:.1f}</b>sentences/s</li>")

    def listing(rows: list[dict], n: int, what: str, cell: Callable[[dict], str]) -> str:
        more = f'<p class="meta">…and {n - len(rows)} more: see <code>{escape(manifest)}</code>.</p>' if n > len(rows) else ""
        items = "".join(f'<tr><td class="name">{escape(_name(r))}</td><td>{cell(r)}</td></tr>' for r in rows)
        return f'<section class="card"><h2>{what} ({n})</h2><table class="index"><tbody>{items}</tbody></table>{more}</section>'

    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        f'<head><meta charset="utf-8"><title>{escape(title)}{" — " + escape(source) if source else ""}</title><style>{_CSS}</style></head>',
        '<body><main id="top"><header class="card">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">Input: <code>{escape(source)}</code></p>' if source else "",
        f'<p class="sub">Models: {", ".join(f"<code>{escape(m)}</code>" for m in sorted(models))}</p>' if models else "",
        f'<ul class="stats">{"".join(stats)}</ul>',
        f'<p class="sub">{total} inputs: too many for one page. This summary lists the failed inputs and those with flags;'
        f" every input, with its outputs, is in <code>{escape(manifest)}</code> (one JSON record a line).</p></header>",
    ]
    if counts.get("failed"):
        error = lambda r: f'<span class="error-text">{escape(r.get("error") or "unknown error")}</span>'  # noqa: E731
        out.append(listing(failed, counts["failed"], "Failed inputs", error))
    if flagged:
        out.append(listing(flagged, n_flagged, "Inputs with flags", lambda r: f'<span class="pill warning">{r["flags"]}</span>'))
    out.append("<footer>Made by vnsum batch.</footer></main>\n</body>\n</html>\n")
    return "\n".join(x for x in out if x)


def _header(entries: list[ReportEntry], result: Any, source: str, title: str) -> str:
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.record.get("status", "pending")] = counts.get(e.record.get("status", "pending"), 0) + 1
    stats = [f"<li><b>{len(entries)}</b>inputs</li>"]
    for status in ("ok", "skipped", "failed", "pending"):
        if counts.get(status):
            stats.append(f'<li><span class="badge {status}">{escape(STATUS_LABELS[status])}</span> <b>{counts[status]}</b></li>')
    flags = sum(_flag_count(e) for e in entries)
    stats.append(f"<li><b>{flags}</b>flag{'s' if flags != 1 else ''}</li>")
    if result is not None and getattr(result, "ok", None):
        stats.append(
            f"<li><b>{result.articles_per_second:.2f}</b>articles/s · <b>{result.sentences_per_second:.1f}</b>sentences/s"
            f" (this run: {result.ok} article{'s' if result.ok != 1 else ''}, {result.sentences} sentences)</li>"
        )
    models = sorted({m for e in entries for m in (e.record.get("models") or {}).values() if m})
    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        '<header class="card">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="sub">Input: <code>{escape(source)}</code> · generated {escape(generated)}</p>' if source else "",
        f'<p class="sub">Models: {", ".join(f"<code>{escape(m)}</code>" for m in models)}</p>' if models else "",
        f'<ul class="stats">{"".join(stats)}</ul>',
    ]
    if result is not None and getattr(result, "stopped", None):
        why = escape(result.stopped)
        lines.append(f'<p class="sub"><b>The run stopped early</b> ({why}). Fix the cause and run the same command again.</p>')
    if result is not None and getattr(result, "interrupted", False):
        lines.append('<p class="sub"><b>The run was interrupted.</b> Run the same command again to finish the rest.</p>')
    lines.append("</header>")
    return "\n".join(x for x in lines if x)


def _direction(record: dict, translation: dict | None) -> str:
    src = (translation or {}).get("source_lang") or record.get("source_lang")
    tgt = (translation or {}).get("target_lang") or record.get("target_lang")
    if src and record.get("translated") is False:
        return f"{src}, not translated"
    return f"{src} → {tgt}" if src and tgt else "–"


def _flag_count(entry: ReportEntry) -> int:
    n = 0
    if entry.translation:
        n += sum(len(s.get("flags") or ()) for p in entry.translation.get("paragraphs", ()) for s in p.get("segments", ()))
    if entry.summary:
        n += sum(len(s.get("flags") or ()) for s in entry.summary.get("summary", ()))
    return n


def _name(record: dict) -> str:
    name = record.get("path", "?")
    if record.get("id") is not None and record.get("id") != name:
        return f"{name} (id {record['id']})"
    return name


def _index(entries: list[ReportEntry]) -> str:
    rows = []
    for n, e in enumerate(entries, 1):
        r = e.record
        status = r.get("status", "pending")
        name = escape(_name(r))
        link = (
            f'<a href="#a{n}">{name}</a>'
            if e.translation is not None or e.summary is not None
            else (f'<a href="#f{n}">{name}</a>' if status == "failed" else name)
        )
        sentences = (e.translation or {}).get("stats", {}).get("sentences", r.get("sentences"))
        flags = _flag_count(e)
        flag_cell = f'<span class="pill warning">{flags}</span>' if flags else "0" if e.translation or e.summary else "–"
        rows.append(
            f'<tr><td class="num">{n}</td><td class="name">{link}</td><td>{escape(_direction(r, e.translation))}</td>'
            f'<td class="num">{sentences if sentences is not None else "–"}</td>'
            f'<td><span class="badge {escape(status)}">{escape(STATUS_LABELS.get(status, status))}</span></td>'
            f'<td class="num">{flag_cell}</td><td>{"yes" if e.summary else "–"}</td></tr>'
        )
    body = "\n".join(rows) or '<tr><td colspan="7" class="empty">No inputs matched.</td></tr>'
    return (
        '<section class="card" id="index"><h2>Articles</h2>\n'
        '<table class="index"><thead><tr><th class="num">#</th><th>Article</th><th>Direction</th><th class="num">Sentences</th>'
        f'<th>Status</th><th class="num">Flags</th><th>Summary</th></tr></thead>\n<tbody>\n{body}\n</tbody></table></section>'
    )


def _failures(entries: list[ReportEntry]) -> str:
    items = [
        f'<li id="f{n}"><b>{escape(_name(e.record))}</b>'
        f'<span class="error-text">{escape(e.record.get("error") or "unknown error")}</span></li>'
        for n, e in enumerate(entries, 1)
        if e.record.get("status") == "failed"
    ]
    if not items:
        return ""
    return (
        '<section class="card" id="failures"><h2>Failed inputs</h2>'
        '<p class="meta">These were not translated; the rest of the batch went on. Fix them and run the same command again.</p>'
        f'<ul style="list-style:none;padding:0;display:grid;gap:10px">{"".join(items)}</ul></section>'
    )


def _article(n: int, entry: ReportEntry) -> str:
    t = entry.translation or {}
    r = entry.record
    src, tgt = t.get("source_lang", r.get("source_lang") or ""), t.get("target_lang", "")
    stats = t.get("stats") or {}
    if entry.translation is None:  # a summary-only batch
        meta = [f"{escape(LANGUAGE_NAMES.get(src, src))}, not translated (summary only)", f"{r.get('sentences', 0)} sentences"]
    else:
        meta = [
            f"{escape(LANGUAGE_NAMES.get(src, src))} → {escape(LANGUAGE_NAMES.get(tgt, tgt))}",
            f"{stats.get('sentences', 0)} sentences",
            f"model <code>{escape(str(t.get('model', '')))}</code>",
        ]
    if stats.get("split_sentences"):
        meta.append(f"{stats['split_sentences']} long sentence(s) split")
    if t.get("check_score") is not None:
        meta.append(f"check score {t['check_score']:.0f}/100")
    if r.get("status") == "skipped":
        meta.append("done in an earlier run")
    parts = [
        f'<section class="card article" id="a{n}">',
        '<a class="top" href="#index">↑ index</a>',
        f"<h2>{n}. {escape(_name(r))}</h2>",
        f'<p class="meta">{" · ".join(meta)}</p>',
    ]
    if entry.summary:
        parts.append(_summary(n, entry.summary))
    if entry.translation is not None:
        parts.append(_side_by_side(n, t))
    warnings = list(t.get("warnings") or ()) + list((entry.summary or {}).get("warnings") or ())
    if warnings:
        parts.append('<ul class="warnings">' + "".join(f"<li>{escape(w)}</li>" for w in warnings) + "</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _summary(n: int, s: dict) -> str:
    lang, src = s.get("target_lang", ""), s.get("source_lang", "")
    how = s.get("method", "")
    if s.get("strategy") and src != lang:
        how += f", {s['strategy']}"
    items = []
    for sentence in s.get("summary", ()):
        text = f'<span lang="{escape(lang)}">{escape(sentence.get("text", ""))}</span>'
        if sentence.get("source_text") and sentence.get("source_text") != sentence.get("text"):
            text += f'<span class="orig" lang="{escape(src)}">{escape(sentence["source_text"])}</span>'
        evidence = sentence.get("evidence") or []
        if evidence:
            links = ", ".join(f'<a href="#a{n}-s{i + 1}">{i + 1}</a>' for i in evidence[:3])
            text += f' <span class="ev">from sentence {links}</span>'
        for item in sentence.get("unsupported") or ():
            text += f' <span class="pill warning" title="not found in the article">not in article: {escape(item)}</span>'
        text += _flag_list(sentence.get("flags") or ())
        items.append(f"<li>{text}</li>")
    return (
        f'<div class="summary"><h3 style="margin:4px 0">Summary ({escape(LANGUAGE_NAMES.get(lang, lang))}, {escape(how)})</h3>'
        f"<ol>{''.join(items)}</ol></div>"
    )


def _flag_list(flags: Sequence[dict[str, Any]]) -> str:
    if not flags:
        return ""
    items = "".join(
        f'<li><span class="pill {escape(f.get("severity", "info"))}">{escape(f.get("severity", ""))}: {escape(f.get("kind", ""))}</span> '
        f"{escape(f.get('detail', ''))}</li>"
        for f in flags
    )
    return f'<ul class="flags">{items}</ul>'


def _side_by_side(n: int, t: dict) -> str:
    src, tgt = t.get("source_lang", ""), t.get("target_lang", "")
    rows = []
    k = 0
    for p in t.get("paragraphs", ()):
        passthrough = p.get("kind") == "passthrough"
        for j, seg in enumerate(p.get("segments", ())):
            classes = []
            if j == 0:
                classes.append("pstart")
            flags = seg.get("flags") or ()
            if passthrough:
                classes.append("pass")
                number = ""
                row_id = ""
            else:
                k += 1
                number = str(k)
                row_id = f' id="a{n}-s{k}"'
            if flags:
                classes.append("flagged")
                if any(f.get("severity") == "error" for f in flags):
                    classes.append("error")
            pieces = seg.get("pieces") or ()
            note = f' <span class="pill split" title="longer than the model\'s input: translated in pieces">✂ {len(pieces)} pieces</span>'
            translation = escape(seg.get("translation", ""))
            if not passthrough and not seg.get("translation", "").strip():
                translation = '<span class="pill error">no output</span>'
            if len(pieces) > 1:
                translation += note
            translation += _flag_list(flags)
            title = ' title="kept as is (page noise: dates, captions, credits)"' if passthrough else ""
            if passthrough and p.get("source_lang"):  # a mixed document's paragraph in the target language
                language = escape(LANGUAGE_NAMES.get(p["source_lang"], p["source_lang"]))
                title = f' title="already in {language}: kept as is"'
                translation += f' <span class="pill split">already in {language}</span>'
            rows.append(
                f'<tr{row_id} class="{" ".join(classes)}"{title}><td class="n">{number}</td>'
                f'<td lang="{escape(src)}">{escape(seg.get("source", ""))}</td><td lang="{escape(tgt)}">{translation}</td></tr>'
            )
    return (
        '<table class="sbs"><colgroup><col class="n"><col><col></colgroup>'
        f"<thead><tr><th></th><th>Source ({escape(LANGUAGE_NAMES.get(src, src))})</th>"
        f"<th>Translation ({escape(LANGUAGE_NAMES.get(tgt, tgt))})</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"
    )
