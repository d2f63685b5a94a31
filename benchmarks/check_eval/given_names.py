"""Regenerate ``vnsum/checks/data/vi_given_names.txt``: the syllables that end full Vietnamese
names in news text, so that a lone capitalised syllable (``Hải khai nhận``) can be told
from a capitalised common word (``Khu``, ``Giải``, ``Toán``).

    python benchmarks/check_eval/given_names.py /work/shared/summarization/vnds_train.jsonl.gz

A full name is a run of two to four capitalised syllables that starts with a common
surname (``Nguyễn Văn Hải``) and is not a place or organisation word; its last syllable
is a given name. Syllables that end at least ``MIN_NAMES`` different full names, and at least
``MIN_SHARE`` full names per use as a lone capitalised word between lower-case ones, are kept
(``Luật`` ends a few names but mostly opens law titles).
The articles of the checks' evaluation set (every article id in ``faithful/``) are left
out, so the list has not seen the sentences it is measured on.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "vnsum" / "checks" / "data" / "vi_given_names.txt"
MIN_NAMES = 2
MIN_SHARE = 0.05  # full names per lone capitalised use: "Luật" (law titles) 2 per 248, "Hải" 59 per 277
SURNAMES = set(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý tô đinh lâm mai trương
    đào cao lương phùng quách tạ thái triệu kiều chu""".split()
)
VOWEL = re.compile(r"[aeiouy]")


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


WORD = re.compile(r"[^\W\d_]+")


def full_names(text: str) -> list[list[str]]:
    """Runs of two to four capitalised syllables joined by single spaces, surname first."""
    runs: list[list[str]] = []
    run: list[str] = []
    end = -1
    for m in WORD.finditer(text):
        word = m.group()
        capitalised = word[0].isupper() and (len(word) == 1 or word[1:].islower())
        if capitalised and run and text[end : m.start()] == " ":
            run.append(word)
        else:
            runs.append(run)
            run = [word] if capitalised and len(word) > 1 else []
        end = m.end()
    runs.append(run)
    return [r for r in runs if 2 <= len(r) <= 4 and r[0].lower() in SURNAMES and all(len(w) > 1 for w in r)]


def evaluation_articles() -> set[str]:
    ids = set()
    for path in (HERE / "faithful").glob("*.jsonl"):
        ids.update(json.loads(line)["article"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return ids


def lone_capitalised(text: str) -> list[str]:
    """Capitalised words between lower-case ones (``của Danh đã``, ``Luật giáo dục``): how often
    a syllable stands where the name check would read it as a given name."""
    toks = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    out = []
    for (before, _, b_end), (word, start, end), (after, a_start, _) in zip(toks, toks[1:], toks[2:], strict=False):
        spaced = text[b_end:start] == " " and text[end:a_start] == " "
        if spaced and word[0].isupper() and word[1:].islower() and before[0].islower() and after.islower():
            out.append(word)
    return out


def corpus_texts(corpus: str) -> Iterator[str]:
    """The NFC texts of the corpus's articles, leaving out every article of the evaluation set."""
    skip = evaluation_articles()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] not in skip:
                yield unicodedata.normalize("NFC", row["text"])


def main(corpus: str) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    lone: Counter[str] = Counter()
    articles = 0
    for text in corpus_texts(corpus):
        articles += 1
        for run in full_names(text):
            names[run[-1]].add(" ".join(run))
        lone.update(lone_capitalised(text))
    kept = sorted(
        s for s, full in names.items() if len(full) >= MIN_NAMES and len(full) >= MIN_SHARE * (lone[s] + 1) and VOWEL.search(fold(s))
    )
    header = (
        "# Syllables that end at least 2 different full Vietnamese names (surname first), and 0.05 per lone\n"
        "# capitalised use, in the VNDS train\n"
        f"# articles, leaving out the checks' evaluation articles ({articles} articles read).\n"
        "# Regenerate: python benchmarks/check_eval/given_names.py /work/shared/summarization/vnds_train.jsonl.gz\n"
    )
    OUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(kept)} syllables from {articles} articles")


if __name__ == "__main__":
    main(sys.argv[1])
