"""Build the checks' evaluation set from the faithful pairs: split by article, corrupt, write.

    python benchmarks/check_eval/build.py      # writes vnsum/checks/evalset/{tune,heldout}.jsonl

``faithful/*.jsonl`` holds professional translations written by hand for this set (vi→en
from VNDS train articles, en→vi from English news-style articles written for it), each
annotated with the numbers and names of its target. This script

1. splits by *article*, in rounds. Each round's pairs were written by other hands from
   other articles; the newest round is held out and measured once after tuning, then joins
   the tuning part whole before the next round is written (figures of every round in
   ``round*-*.md``). Round 1 (``faithful/vi-en-*``, ``en-vi-*``) was split by the SHA-1 of
   the article id (odd first byte: held out), measured at commit 33e99ce; round 2
   (``faithful/r2-*``) was held out whole, measured at commit 5a3ad4a; round 3
   (``faithful/r3-*``) likewise at commit 44613f2, round 4 (``faithful/r4-*``) at commit
   8c0faf2, round 5 (``faithful/r5-*``) at commit 23a8ea5, round 6 (``faithful/r6-*``) at
   commit 3c4f7aa, round 7 (``faithful/r7-*``, 240 pairs by six new writers) at commit
   011e832, round 8 at 3d60f83, round 9 at 6e6d351, round 10 at 40a7bc6, round 11 at 4c7d1cb,
   round 12 at 9a608ea, round 13 at fa9eca0, round 14 at d82e46d (the rules of round 13,
   unchanged), round 15 at 7a5470c, round 16 at d856b3a, round 17 at e6f05a6; round 18
   (``faithful/r18-*``) is the held-out part now (``HELDOUT_ROUND``), measured once at
   commit ccc219e. Before any further tuning, write round 19 and hold it out;
2. keeps every faithful pair (``expected: []``);
3. writes corrupted variants of the target, deterministically (a seed per pair):
   ``number`` (a value changed, dropped, its scale changed, a date moved), ``name``
   (a person or place replaced, dropped, misspelt, or a person invented), ``untranslated``
   (the whole target, or its second half, left in the source language), ``repetition``
   (a decoding loop) and ``length`` (the sentence cut to 35-55 % of its words).

Each row carries ``expected`` (the kinds a careful reader wants flagged) and ``tolerated``
(kinds that may fire without counting as a false positive: a half-untranslated target
also garbles its numbers' format; a loop lengthens the output).
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "vnsum" / "checks" / "evalset"

PEOPLE = {
    "vi": ["Trần Văn Hòa", "Lê Thị Mai", "Phạm Quốc Bảo", "Đỗ Minh Khang", "Vũ Thị Hằng", "Ngô Đức Thịnh", "Bùi Thanh Sơn"],
    "en": ["Tran Van Hoa", "Le Thi Mai", "Pham Quoc Bao", "David Miller", "Sarah Collins", "Hiroshi Tanaka", "Kim Min-jun"],
}
PLACES = {
    "vi": ["Quảng Ngãi", "Thái Bình", "Lạng Sơn", "Cà Mau", "Bình Dương", "Yên Bái", "Jakarta"],
    "en": ["Quang Ngai", "Thai Binh", "Lang Son", "Ca Mau", "Binh Duong", "Bangkok", "Jakarta"],
}
INVENT = {
    "vi": ["{text}, ông {name} cho biết", "{text}, theo bà {name}", "{text}, {name} nói"],
    "en": ["{text}, {name} said", "{text}, according to {name}", "{text}, said {name}, a local official"],
}
SCALE_SWAP = {
    "million": "billion", "billion": "million", "thousand": "million", "trillion": "billion",
    "triệu": "tỷ", "tỷ": "triệu", "tỉ": "triệu", "nghìn": "triệu", "ngàn": "triệu",
}  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
GENERIC = {
    "city",
    "district",
    "province",
    "commune",
    "ward",
    "town",
    "village",
    "street",
    "island",
    "islands",
    "river",
    "lake",
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "quận",
    "thành",
    "phố",
    "thị",
    "trấn",
    "đường",
    "sông",
    "đảo",
    "công",
    "ty",
    "bệnh",
    "viện",
}
VOWEL_SWAP = {"a": "o", "o": "a", "e": "i", "i": "e", "u": "o", "y": "i"}


HELDOUT_ROUND = 18


def heldout(article: str, round_: int) -> bool:
    """The newest round is held out; the earlier ones were measured once each, then tuned on."""
    return round_ == HELDOUT_ROUND


def load_faithful() -> list[dict]:
    rows = []
    for path in sorted((HERE / "faithful").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            for key in ("source", "target"):
                row[key] = unicodedata.normalize("NFC", row[key])
            row["target_numbers"] = [unicodedata.normalize("NFC", x) for x in row.get("target_numbers", [])]
            row["target_names"] = [{**x, "text": unicodedata.normalize("NFC", x["text"])} for x in row.get("target_names", [])]
            row["id"] = f"{path.stem}:{n:03d}"
            numbered = re.match(r"r(\d+)-", path.stem)
            row["round"] = int(numbered[1]) if numbered else 1
            missing = [x for x in row["target_numbers"] + [x["text"] for x in row["target_names"]] if x not in row["target"]]
            if missing:
                print(f"{row['id']}: annotation not in target: {missing}", file=sys.stderr)
                row["target_numbers"] = [x for x in row["target_numbers"] if x in row["target"]]
                row["target_names"] = [x for x in row["target_names"] if x["text"] in row["target"]]
            rows.append(row)
    return rows


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text))
    return re.sub(r"\(\s*\)", "", text).strip()


def _replace_once(text: str, old: str, new: str) -> str:
    return _tidy(text.replace(old, new, 1))


def _bump_digit(span: str, rng: random.Random) -> str | None:
    digits = [i for i, c in enumerate(span) if c.isdigit()]
    if not digits:
        return None
    i = rng.choice(digits)
    new = str((int(span[i]) + rng.choice([1, 2, 3, 7])) % 10)
    if i == digits[0] and new == "0" and len(digits) > 1:
        new = "9"
    return span[:i] + new + span[i + 1 :]


def corrupt_number(row: dict, rng: random.Random, how: str) -> tuple[str, str] | None:
    spans = sorted(dict.fromkeys(row["target_numbers"]), key=lambda s: -len(s))
    if not spans:
        return None
    target = row["target"]
    if how == "scale":
        for span in spans:
            for word, swap in SCALE_SWAP.items():
                if re.search(rf"(?<!\w){word}(?!\w)", span):
                    return "number_scale", _replace_once(target, span, re.sub(rf"(?<!\w){word}(?!\w)", swap, span, count=1))
        how = "change"
    if how == "date":
        for span in spans:
            month = next((m for m in MONTHS if m in span), None)
            if month:
                other = MONTHS[(MONTHS.index(month) + rng.choice([1, 2, 5])) % 12]
                return "number_date", _replace_once(target, span, span.replace(month, other, 1))
            m = re.search(r"(\d{1,2})\s*([/-])\s*(\d{1,2})", span)
            if m:
                day = (int(m[1]) % 28) + 1
                return "number_date", _replace_once(target, span, span[: m.start(1)] + str(day) + span[m.end(1) :])
        how = "change"
    span = rng.choice([s for s in spans if any(c.isdigit() for c in s)] or spans)
    if how == "drop":
        return "number_drop", _replace_once(target, span, "")
    changed = _bump_digit(span, rng)
    if changed is None:
        return "number_drop", _replace_once(target, span, "")
    return "number_change", _replace_once(target, span, changed)


def _misspell(name: str, rng: random.Random) -> str | None:
    words = [w for w in re.findall(r"[^\W\d_]+", name) if len(w) >= 3 and w.lower() not in GENERIC]
    if not words:
        return None
    word = max(words, key=len)  # a name's own word, not "District" or "City"
    letters = list(unicodedata.normalize("NFD", word))
    spots = [i for i, c in enumerate(letters) if c.lower() in VOWEL_SWAP and i > 0]
    if not spots:
        return None
    rng.shuffle(spots)
    for i in spots:  # a swap that leaves a stray combining mark ("ươ" → "ưa̛") is no spelling anyone writes
        changed = letters[:i] + [VOWEL_SWAP[letters[i].lower()]] + letters[i + 1 :]
        wrong = unicodedata.normalize("NFC", "".join(changed))
        if not any(unicodedata.combining(c) for c in wrong):
            return name.replace(word, wrong, 1)
    return None


def corrupt_name(row: dict, rng: random.Random, how: str) -> tuple[str, str] | None:
    lang, target = row["target_lang"], row["target"]
    names = [n for n in row["target_names"] if n["type"] in ("person", "place")]
    if how == "invent" or not names:
        pool = [p for p in PEOPLE[lang] if p.split()[-1] not in row["source"] + target]
        body, end = re.match(r"(.*?)([.!?…\"”]*)$", target, re.S).groups()
        return "name_invent", rng.choice(INVENT[lang]).format(text=body, name=rng.choice(pool)) + (end or ".")
    name = rng.choice(names)
    if how == "misspell":
        wrong = _misspell(name["text"], rng)
        if wrong:
            return "name_misspell", target.replace(name["text"], wrong, 1)
        how = "change"
    if how == "drop":
        return "name_drop", _replace_once(target, name["text"], "")
    pool = PEOPLE[lang] if name["type"] == "person" else PLACES[lang]
    pool = [p for p in pool if p.split()[-1] not in row["source"] + target]
    return "name_change", target.replace(name["text"], rng.choice(pool), 1)


def corrupt_untranslated(row: dict, rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.4:
        return "untranslated_whole", row["source"]
    src, tgt = row["source"].split(), row["target"].split()
    return "untranslated_half", " ".join(tgt[: len(tgt) // 2] + src[len(src) // 2 :])


def corrupt_repetition(row: dict, rng: random.Random) -> tuple[str, str]:
    words = row["target"].rstrip('.!?"”').split()
    plain = [i for i, w in enumerate(words[:-1]) if w.isalpha() and w.islower()]
    n = rng.choice([1, 2, 3]) if len(plain) > 3 else 1
    start = rng.choice(plain[len(plain) // 2 :] or [max(0, len(words) - 2)])
    gram = " ".join(words[start : start + n])
    times = rng.randint(4, 9) if n < 3 else rng.randint(3, 5)
    head = " ".join(words[: start + n])
    return "repetition_loop", f"{head} {' '.join([gram] * times)}"


def corrupt_length(row: dict, rng: random.Random) -> tuple[str, str, list[str]] | None:
    words = row["target"].split()
    if len(row["source"]) < 60 or len(words) < 10:
        return None
    kept = " ".join(words[: max(3, round(len(words) * rng.uniform(0.35, 0.55)))])
    extra = []
    if any(n not in kept for n in row["target_numbers"]):
        extra.append("number")
    if any(n["type"] in ("person", "place") and n["text"] not in kept for n in row["target_names"]):
        extra.append("name")
    return "truncated", kept, extra


def build(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"tune": [], "heldout": []}
    for k, row in enumerate(rows):
        rng = random.Random(row["id"])
        base = {key: row[key] for key in ("article", "topic", "source_lang", "target_lang", "source")}
        split = "heldout" if heldout(row["article"], row["round"]) else "tune"
        variants: list[tuple[str, str, list[str], list[str]]] = [("faithful", row["target"], [], [])]
        number = corrupt_number(row, rng, ("change", "drop", "scale", "date")[k % 4])
        if number:
            variants.append((*number, ["number"], []))
        name = corrupt_name(row, rng, ("change", "drop", "misspell", "invent")[k % 4])
        if name:
            variants.append((*name, ["name"], []))
        if k % 2 == 0:
            variants.append((*corrupt_untranslated(row, rng), ["untranslated"], ["number", "name", "length", "repetition"]))
        else:
            variants.append((*corrupt_repetition(row, rng), ["repetition"], ["length", "number", "name"]))  # a loop eats the rest
        cut = corrupt_length(row, rng) if k % 2 == 0 else None
        if cut:
            variants.append((cut[0], cut[1], ["length", *cut[2]], ["number", "name"]))  # unannotated values and names go too
        for corruption, target, expected, tolerated in variants:
            if corruption != "faithful" and target == row["target"]:
                continue
            out[split].append(
                {
                    "id": f"{row['id']}:{corruption}",
                    **base,
                    "target": target,
                    "corruption": None if corruption == "faithful" else corruption,
                    "expected": expected,
                    "tolerated": tolerated,
                }
            )
    return out


def main() -> int:
    rows = load_faithful()
    sets = build(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    for split, items in sets.items():
        with (OUT / f"{split}.jsonl").open("w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        articles = {r["article"] for r in items}
        faithful = [r for r in items if r["corruption"] is None]
        kinds = {kind: sum(kind in r["expected"] for r in items) for kind in ("number", "name", "untranslated", "repetition", "length")}
        dirs = {d: sum(1 for r in faithful if f"{r['source_lang']}-{r['target_lang']}" == d) for d in ("vi-en", "en-vi")}
        print(f"{split}: {len(items)} pairs, {len(articles)} articles, {len(faithful)} faithful {dirs}, positives {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
