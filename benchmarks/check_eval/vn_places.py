"""Regenerate ``vnsum/checks/data/places_vn.tsv``: Vietnamese provinces, districts, communes
and wards as the press names them, with the unaccented spelling English text uses, so that
``Can Tho`` or ``Ba Vi`` in an English source is known as a place (its letters alone do not
tell it from English words).

    python benchmarks/check_eval/vn_places.py /work/shared/summarization/vnds_train.jsonl.gz

A place is a run of two or three capitalised syllables right after an administrative word
(``tỉnh``, ``huyện``, ``quận``, ``thị xã``, ``xã``, ``phường``, ``thành phố``, ``TP``,
``thị trấn``) seen at least ``MIN_MENTIONS`` times, unless it starts with a surname (a street
or ward named after a person is a person's name elsewhere). The articles of the checks' evaluation set
(every article id in ``faithful/``) are left out.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from given_names import SURNAMES, corpus_texts, fold

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "vnsum" / "checks" / "data" / "places_vn.tsv"
MIN_MENTIONS = 3
ADMIN = r"(?:tỉnh|huyện|quận|thị xã|xã|phường|thành phố|TP\.?|thị trấn)"
SYLLABLE = r"[^\W\d_]+"
PLACE = re.compile(rf"(?<!\w){ADMIN} ({SYLLABLE}(?: {SYLLABLE}){{1,2}})")


def capitalised(word: str) -> bool:
    return word[0].isupper() and word[1:].islower()


def main(corpus: str) -> None:
    counts: Counter[str] = Counter()
    articles = 0
    for text in corpus_texts(corpus):
        articles += 1
        for m in PLACE.finditer(text):
            words = []
            for w in m.group(1).split():
                if not capitalised(w):
                    break
                words.append(w)
            if len(words) >= 2 and words[0].lower() not in SURNAMES:  # not "Hồ Chí Minh", "Nguyễn Du"
                counts[" ".join(words)] += 1
    kept = sorted(p for p, n in counts.items() if n >= MIN_MENTIONS)
    lines = [f"{p} | {' '.join(w.capitalize() for w in fold(p).split())}" for p in kept]
    header = (
        "# Vietnamese provinces, districts, communes and wards: the press's spelling | the unaccented one.\n"
        "# Runs of capitalised syllables after tỉnh/huyện/quận/thị xã/xã/phường/thành phố/TP/thị trấn seen at\n"
        f"# least {MIN_MENTIONS} times in the VNDS train articles, leaving out the checks' evaluation articles "
        f"({articles} read).\n"
        "# Regenerate: python benchmarks/check_eval/vn_places.py /work/shared/summarization/vnds_train.jsonl.gz\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(kept)} places from {articles} articles")


if __name__ == "__main__":
    main(sys.argv[1])
