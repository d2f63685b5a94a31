"""URLs: saved pages served by a local http.server on 127.0.0.1 in a thread (never the
internet): end to end, redirects, the proxy of HTTP_PROXY, every failure one line with exit 2,
and `vnsum batch urls.txt`."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from vnsum.batch import MANIFEST
from vnsum.cli import main

WEB = Path(__file__).parent / "data" / "web"
HUGE = 20 * 1024 * 1024
PROXY_VARS = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    seen: list[str] = []

    def log_message(self, *args):  # quiet
        pass

    def reply(self, code: int, kind: str, body: bytes, length: bool = True, **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen.append(self.path)
        path = urlsplit(self.path).path  # a proxied request carries the whole URL
        if path.startswith("/news/") and (WEB / path[6:]).is_file():
            page = WEB / path[6:]
            kind = "text/html; charset=utf-8" if page.suffix == ".html" else "text/html"  # cp1258: by its <meta>
            self.reply(200, kind, page.read_bytes())
        elif path == "/old":
            self.reply(301, "text/html", b"", Location="/news/vi-article.html")
        elif path == "/to-ftp":
            self.reply(302, "text/html", b"", Location="ftp://127.0.0.1/page.html")
        elif path == "/drip":  # a byte at a time: each read is quick, the page never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>x</p>" * 10000)
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/error":
            self.reply(500, "text/html", b"<h1>Internal Server Error</h1>")
        elif path == "/binary":
            self.reply(200, "application/octet-stream", bytes(range(256)) * 64)
        elif path == "/huge":
            self.reply(200, "text/html", b"<html><body>" + b"<p>x</p>" * (HUGE // 8))
        elif path == "/huge-stream":  # no Content-Length: the cap stops the read
            self.reply(200, "text/html", b"<html><body>" + b"<p>x</p>" * (HUGE // 8), length=False)
        else:
            self.reply(404, "text/html", b"<h1>Not Found</h1>")


@pytest.fixture
def server(monkeypatch):
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_line_exit_2(result, *needles):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vnsum: error: "), result.stderr
    assert all(n in lines[0] for n in needles), lines[0]
    assert "Traceback" not in result.output


def test_translate_a_url_end_to_end(server, model_env):
    url = f"{server}/news/vi-article.html"
    result = run("translate", url, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source_name"] == url and doc["source_lang"] == "vi"
    assert doc["paragraphs"][0]["segments"][0]["source"] == "Vun đắp quan hệ đoàn kết đặc biệt Việt Nam-Lào"
    assert not any("<" in p for par in doc["paragraphs"] for s in par["segments"] for p in s["pieces"])


def test_summarize_a_url_after_a_redirect_and_in_a_declared_charset(server):
    for path in ("/old", "/news/vi-article-cp1258.htm"):
        result = run("summarize", f"{server}{path}", "--method", "extractive", "-n", "1", "-f", "json")
        assert result.exit_code == 0, result.output
        doc = json.loads(result.stdout)
        assert doc["source_lang"] == "vi" and "Valaxay Lengsavad" in " ".join(doc["source_sentences"])
    assert Handler.seen[:2] == ["/old", "/news/vi-article.html"]


@pytest.mark.parametrize(
    ("path", "needles"),
    [
        ("/missing", ("HTTP 404",)),
        ("/error", ("HTTP 500",)),
        ("/binary", ("application/octet-stream", "not a web page")),
        ("/huge", ("20,971,532 bytes", "VNSUM_MAX_PAGE_BYTES")),
        ("/huge-stream", ("over the 10,000,000 bytes",)),
    ],
)
def test_a_bad_reply_is_exit_2_in_one_line(server, path, needles):
    one_line_exit_2(run("translate", f"{server}{path}"), f"{server}{path}", *needles)


def test_a_redirect_away_from_http_and_a_page_that_never_ends_are_exit_2(server, monkeypatch):
    one_line_exit_2(run("translate", f"{server}/to-ftp"), "redirected to ftp://127.0.0.1/page.html")
    monkeypatch.setattr("vnsum.fetch.DEADLINE", 0.3)
    one_line_exit_2(run("translate", f"{server}/drip"), f"{server}/drip", "did not arrive in 0.3 s")


def test_connection_refused_says_no_network(monkeypatch):
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    one_line_exit_2(run("summarize", f"http://127.0.0.1:{port}/page.html", "--method", "extractive"), "connection refused", "no network?")


def test_the_proxy_of_http_proxy_is_used(server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", server)  # the local server plays the proxy
    result = run("summarize", "http://news.invalid/news/en-article.html", "--method", "extractive", "-n", "1")
    assert result.exit_code == 0, result.output
    assert Handler.seen == ["http://news.invalid/news/en-article.html"]  # the whole URL: a proxied request


def test_batch_of_urls_is_resumable_and_names_outputs_by_path(server, model_env, tmp_path):
    urls = tmp_path / "urls.txt"
    good = [f"{server}/news/vi-article.html", f"{server}/news/en-article.html"]
    urls.write_text(f"# today's news\n{good[0]}\n\n{good[1]}\n{server}/missing\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", urls, "-o", out, "--summarize", "--method", "extractive", "-n", "1", "--no-cache")
    assert result.exit_code == 4, result.output  # one URL failed, the rest went on
    records = {r["path"]: r for r in map(json.loads, (out / MANIFEST).read_text(encoding="utf-8").splitlines())}
    assert [records[u]["status"] for u in good] == ["ok", "ok"]
    assert records[good[0]]["stem"] == "127.0.0.1/news/vi-article"
    assert (out / "127.0.0.1" / "news" / "vi-article.en.txt").is_file()
    assert "HTTP 404" in records[f"{server}/missing"]["error"]
    Handler.seen = []
    again = run("batch", urls, "-o", out, "--summarize", "--method", "extractive", "-n", "1", "--no-cache")
    assert again.exit_code == 4
    assert Handler.seen == ["/missing"]  # pages done before are not fetched again
