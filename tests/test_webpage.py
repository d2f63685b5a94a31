"""Web pages: the article taken out of saved news pages (tests/data/web, built from the real
samples inside page templates by tests/data/web/build.py), charsets, --raw, and the commands."""

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnsum.cli import main
from vnsum.document import split_markup
from vnsum.errors import InputError
from vnsum.sources import read_source, source_from_bytes
from vnsum.webpage import declared_charset, decode_html, extract_article, looks_like_html, markup_runs

WEB = Path(__file__).parent / "data" / "web"
sys.path.insert(0, str(WEB))
import build  # noqa: E402  (the page builder: the articles and their boilerplate)

PAGES = {
    "vi-article.html": ("vi-lao-party-delegation.txt", build.VI),
    "vi-article-cp1258.htm": ("vi-lao-party-delegation.txt", build.VI),
    "en-article.html": ("en-lao-vice-president-visit.txt", build.EN),
}


def boilerplate(t: dict) -> list[str]:
    """Every piece of page furniture the template adds around the article."""
    return [
        t["site"],
        *t["menu"],
        *t["share"],
        t["related_title"],
        *t["related"],
        t["cookie"],
        t["cookie_button"],
        t["comments_title"],
        *(c for pair in t["comments"] for c in pair),
        t["footer"],
        "dataLayer",
        "acceptCookies",
        "Đang tải quảng cáo",
        "font-family",
    ]


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.mark.parametrize("page", PAGES)
def test_the_article_is_taken_whole_and_nothing_else(page):
    sample, template = PAGES[page]
    title, body = build.article(sample)
    article = extract_article(decode_html((WEB / page).read_bytes(), page), page)
    assert article.title == title
    assert article.date == template["iso_date"][:10]
    assert list(article.paragraphs) == body  # every sentence, paragraph by paragraph, in order
    text = article.text
    assert text.split("\n\n")[:2] == [title, article.date]  # the title is the first paragraph
    leaked = [x for x in boilerplate(template) if x in text]
    assert leaked == []
    assert "<" not in text and ">" not in text


def test_a_page_in_windows_1258_is_read_by_its_declared_charset():
    data = (WEB / "vi-article-cp1258.htm").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert declared_charset(data) == "cp1258"
    assert decode_html(data, "x").replace("windows-1258", "utf-8") == decode_html((WEB / "vi-article.html").read_bytes(), "y")


def test_a_declared_charset_the_bytes_contradict_falls_back_to_the_text_rules():
    page = (WEB / "vi-article.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"')
    assert "Vun đắp quan hệ" in decode_html(page.encode("utf-8"), "x")  # latin-1 never fails, but the content is UTF-8
    page = page.replace('charset="iso-8859-1"', 'charset="no-such-charset"')
    assert "Vun đắp quan hệ" in decode_html(page.encode("utf-8"), "x")


def test_html_is_told_from_text_by_content():
    for page in PAGES:
        assert looks_like_html((WEB / page).read_bytes())
    assert looks_like_html(b"<p>Mot.</p>\n<p>Hai.</p>\n<div>Ba.</div>")  # a saved fragment
    for sample in ("vi-lao-party-delegation.txt", "en-lao-vice-president-visit.txt"):
        assert not looks_like_html((build.SAMPLES / sample).read_bytes())
    assert not looks_like_html(b"If a < b and c > d, then <nothing> follows.")


def test_markup_runs_give_the_page_back_and_keep_scripts_whole():
    html = (WEB / "en-article.html").read_text(encoding="utf-8")
    runs = markup_runs(html)
    assert "".join(text for text, _ in runs) == html
    prose = [text for text, markup in runs if not markup]
    assert not any("<" in t or "dataLayer" in t or "font-family" in t for t in prose)
    paragraphs = split_markup(html)
    assert "".join("\n" * p.newlines_before + p.text for p in paragraphs) == html


def test_a_page_without_article_text_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        source_from_bytes(b"<html><head><title></title></head><body><script>var x;</script></body></html>", "empty.html")


def test_read_source_by_suffix_content_and_raw(tmp_path):
    saved = tmp_path / "page.txt"  # HTML by content, whatever the suffix
    saved.write_bytes((WEB / "vi-article.html").read_bytes())
    source = read_source(saved)
    assert source.article is not None and source.article.title.startswith("Vun đắp") and not source.markup
    assert "page.txt is a web page" in source.note
    raw = read_source(WEB / "vi-article.html", raw=True)
    assert raw.markup and raw.article is None and raw.text.startswith("<!DOCTYPE html>")
    plain = read_source(build.SAMPLES / "vi-lao-party-delegation.txt")
    assert plain.article is None and not plain.markup and plain.note is None


def segments(doc):
    return [s for p in doc["paragraphs"] for s in p["segments"]]


def test_translate_a_page_sends_the_model_the_article_only(model_env):
    title, body = build.article("vi-lao-party-delegation.txt")
    result = run("translate", WEB / "vi-article-cp1258.htm", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source_lang"] == "vi" and doc["source_name"] == "vi-article-cp1258.htm"
    assert doc["paragraphs"][0]["segments"][0]["source"] == title
    assert doc["paragraphs"][1]["kind"] == "passthrough"  # the date: shown, not translated
    sources = " ".join(s["source"] for s in segments(doc))
    assert all(" ".join(p.split()) in sources for p in body)
    pieces = [p for s in segments(doc) for p in s["pieces"]]
    assert pieces and not any(re.search(r"[<>]|dataLayer|Đồng ý|Bình luận", p) for p in pieces)
    assert any("is a web page" in w for w in doc["warnings"])


def test_translate_raw_keeps_every_tag_and_sends_none_to_the_model(model_env, tmp_path):
    page = WEB / "en-article.html"
    html = page.read_text(encoding="utf-8")
    result = run("translate", page, "--raw", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    pieces = [p for s in segments(doc) for p in s["pieces"]]
    assert pieces and not any(re.search(r"<[^>]*>|dataLayer|acceptCookies|font-family", p) for p in pieces)
    assert any("Bounthong" in p for p in pieces)  # the text is translated, comments and menus too (raw)
    out = tmp_path / "page.en-vi.txt"
    assert run("translate", page, "--raw", "-o", out).exit_code == 0
    translated = out.read_text(encoding="utf-8")
    assert re.findall(r"<[^>]+>", translated) == re.findall(r"<[^>]+>", html)  # every tag, in place


def test_summarize_and_check_read_pages(tmp_path):
    result = run("summarize", WEB / "vi-article.html", "--method", "extractive", "-n", "2", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    _, body = build.article("vi-lao-party-delegation.txt")
    assert all(any(s["text"] in p for p in body) for s in doc["summary"])
    vi = (Path(__file__).parent / "data" / "lao-visit.vi.txt").read_text(encoding="utf-8").split("\n")
    en = (Path(__file__).parent / "data" / "lao-visit.en.txt").read_text(encoding="utf-8").split("\n")
    for name, lines, template in (("vi.html", vi, build.VI), ("en.html", en, build.EN)):
        lines = [x for x in lines if x.strip()]
        (tmp_path / name).write_text(build.page(template, lines[0], lines[1:]), encoding="utf-8")
    result = run("check", tmp_path / "vi.html", tmp_path / "en.html", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert not any("<" in s["source"] or "<" in s["translation"] for s in segments(doc))
    assert not [f for s in segments(doc) for f in s["flags"] if f["severity"] == "error"]


def test_batch_takes_pages_from_a_folder(model_env, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for page in PAGES:
        (folder / page).write_bytes((WEB / page).read_bytes())
    out = tmp_path / "out"
    result = run("batch", folder, "-o", out, "--no-cache")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["path"] for r in records) == sorted(PAGES) and all(r["status"] == "ok" for r in records)
    doc = json.loads((out / "vi-article-cp1258.json").read_text(encoding="utf-8"))
    assert doc["paragraphs"][0]["segments"][0]["source"].startswith("Vun đắp")
    assert not any("<" in p for s in segments(doc) for p in s["pieces"])
    assert doc["warnings"][0].startswith("vi-article-cp1258.htm is a web page: read its article 'Vun đắp")
    assert "vi-article-cp1258.htm is a web page" in (out / "report.html").read_text(encoding="utf-8")
