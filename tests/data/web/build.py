"""Builds the saved news pages the web-page tests read: the real text of ``samples/`` inside
realistic page templates (header, menu, share buttons, related links, cookie banner,
comments, footer, scripts and styles). Run from the repository root to rebuild them:

    python tests/data/web/build.py

``vi-article.html`` is UTF-8, ``vi-article-cp1258.htm`` declares and uses windows-1258 (with
combining tone marks, as such pages were written), ``en-article.html`` is UTF-8.
"""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[2] / "samples"

VI = {
    "lang": "vi",
    "site": "Báo Tin Tức Việt",
    "menu": ["Trang chủ", "Thời sự", "Thế giới", "Kinh tế", "Văn hóa", "Thể thao", "Video"],
    "share": ["Chia sẻ Facebook", "Chia sẻ Zalo", "Sao chép liên kết", "In bài viết"],
    "related_title": "Tin liên quan",
    "related": [
        "Thủ tướng tiếp Đại sứ Nhật Bản chào từ biệt",
        "Giá vàng hôm nay tăng mạnh phiên đầu tuần",
        "Hà Nội mưa lớn, nhiều tuyến phố ngập sâu",
    ],
    "cookie": "Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn. Tiếp tục truy cập nghĩa là bạn đồng ý.",
    "cookie_button": "Đồng ý",
    "comments_title": "Bình luận (2)",
    "comments": [
        ("Nguyễn Văn An", "Bài viết rất hay, cảm ơn tòa soạn đã đưa tin kịp thời."),
        ("Trần Thị Bình", "Mong hai nước ngày càng hợp tác tốt đẹp hơn nữa."),
    ],
    "footer": "© 2024 Báo Tin Tức Việt. Giấy phép số 123/GP-BTTTT. Địa chỉ: 11 Trần Hưng Đạo, Hà Nội. Liên hệ quảng cáo: 024 3999 9999.",
    "byline": "Theo TTXVN",
    "dateline": "Thứ Ba, 16/07/2024 08:30 (GMT+7)",
    "iso_date": "2024-07-16T08:30:00+07:00",
    "caption": (
        "Đoàn đại biểu Ban Đối ngoại Trung ương Đảng Cộng sản Việt Nam hội đàm với Đoàn đại biểu"
        " Ban Đối ngoại Trung ương Đảng Nhân dân Cách mạng Lào. Ảnh: dangcongsan.vn"
    ),
}
EN = {
    "lang": "en",
    "site": "Viet News Daily",
    "menu": ["Home", "Politics", "Society", "Economy", "Life & Style", "Sports", "Opinion"],
    "share": ["Share on Facebook", "Share on X", "Copy link", "Print"],
    "related_title": "Related news",
    "related": [
        "Prime Minister receives outgoing Japanese Ambassador",
        "Gold prices surge at the start of the week",
        "Heavy rain floods many streets in Hà Nội",
    ],
    "cookie": "We use cookies to improve your experience. By continuing to browse you accept our cookie policy.",
    "cookie_button": "Accept",
    "comments_title": "Comments (2)",
    "comments": [
        ("Peter Miller", "Great article, thanks for the timely coverage of this visit."),
        ("Lan Nguyen", "I hope the two countries keep working closely together."),
    ],
    "footer": "© 2024 Viet News Daily. All rights reserved. Licence No. 123/GP-BTTTT. Advertising: ads@vietnewsdaily.example",
    "byline": "By VNS reporters",
    "dateline": "December 04, 2024 - 21:15",
    "iso_date": "2024-12-04T21:15:00+07:00",
    "caption": None,
}


def article(sample: str) -> tuple[str, list[str]]:
    """The sample's title and body paragraphs (page-player noise and repeated captions dropped)."""
    lines = [line.strip() for line in (SAMPLES / sample).read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line for line in lines if not line.replace(":", "").replace("/", "").replace(" ", "").isdigit()]
    if sample.startswith("vi-"):
        title, body = lines[0], [line for line in lines[1:] if "Ảnh:" not in line]
    else:
        title = "Việt Nam, Laos pledge to lift special solidarity to a new height"
        body = [lines[0].removeprefix("date 2024-12-04 ").strip()] + lines[1:]
    return title, body


HEAD_SCRIPT = (
    "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
    " gtag('js', new Date()); var msg = \"Đang tải quảng cáo...\";</script>"
)


def page(t: dict, title: str, body: list[str], charset: str = "utf-8") -> str:
    e = html.escape
    menu = "\n".join(f'        <li><a href="/{n}">{e(item)}</a></li>' for n, item in enumerate(t["menu"]))
    share = "\n".join(f'      <a class="share-btn" href="#share-{n}">{e(item)}</a>' for n, item in enumerate(t["share"]))
    related = "\n".join(f'        <li><a href="/news/{n}.html">{e(item)}</a></li>' for n, item in enumerate(t["related"]))
    comments = "\n".join(
        f'      <div class="comment"><span class="author">{e(a)}</span><p>{e(c)}</p><a class="reply" href="#">Reply</a></div>'
        for a, c in t["comments"]
    )
    paragraphs = [f"      <p>{e(p)}</p>" for p in body]
    if t["caption"]:
        figure = f'      <figure><img src="/img/1.jpg" alt=""><figcaption>{e(t["caption"])}</figcaption></figure>'
        paragraphs.insert(1, figure)
    text = "\n".join(paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{t["lang"]}">
<head>
  <meta charset="{charset}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(title)} | {e(t["site"])}</title>
  <meta property="og:title" content="{e(title)}">
  <meta property="article:published_time" content="{t["iso_date"]}">
  <link rel="stylesheet" href="/static/site.css">
  <style>body {{ font-family: Arial, sans-serif; }} .cookie-banner {{ position: fixed; bottom: 0; }}</style>
  {HEAD_SCRIPT}
</head>
<body>
  <div id="cookie-banner" class="cookie-banner">
    <p>{e(t["cookie"])}</p>
    <button onclick="acceptCookies()">{e(t["cookie_button"])}</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{e(t["site"])}</a>
    <nav class="main-menu">
      <ul>
{menu}
      </ul>
    </nav>
  </header>
  <main>
    <article class="article">
      <h1 class="article-title">{e(title)}</h1>
      <div class="article-meta"><span class="date">{e(t["dateline"])}</span> <span class="byline">{e(t["byline"])}</span></div>
      <div class="share-bar">
{share}
      </div>
      <div class="article-body">
{text}
      </div>
    </article>
    <aside class="related">
      <h3>{e(t["related_title"])}</h3>
      <ul>
{related}
      </ul>
    </aside>
    <section class="comments">
      <h3>{e(t["comments_title"])}</h3>
{comments}
    </section>
  </main>
  <footer class="site-footer">
    <p>{e(t["footer"])}</p>
  </footer>
  <script src="/static/app.js"></script>
  <script>function acceptCookies() {{ document.getElementById('cookie-banner').remove(); }}</script>
</body>
</html>
"""


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text in windows-1258 the way Vietnamese pages wrote it: a letter the code page lacks
    becomes its base letter (with circumflex, breve or horn) and a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in marks if m in _TONES)
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def main() -> None:
    title, body = article("vi-lao-party-delegation.txt")
    (HERE / "vi-article.html").write_text(page(VI, title, body), encoding="utf-8")
    (HERE / "vi-article-cp1258.htm").write_bytes(cp1258(page(VI, title, body, charset="windows-1258")))
    title, body = article("en-lao-vice-president-visit.txt")
    (HERE / "en-article.html").write_text(page(EN, title, body), encoding="utf-8")


if __name__ == "__main__":
    main()
