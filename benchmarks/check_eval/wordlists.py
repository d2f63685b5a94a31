"""Regenerate the two dictionary word lists of the name check from their public sources.

    apt-get download wamerican                        # Debian's SCOWL list (wamerican 2020.12.07-2)
    pip download --no-deps underthesea==9.5.0         # its corpus/data/Viet74K.txt (Apache-2.0)
    python benchmarks/check_eval/wordlists.py wamerican_2020.12.07-2_all.deb underthesea-9.5.0-py3-none-any.whl

writes ``vnsum/checks/data/english_words.txt.gz`` (SCOWL's words as it spells them: what
it spells in lower case is an English word a translation may render in Vietnamese; what it
only capitalises is a name or a demonym, ``Geneva``, ``Kenyan``; ``Savannakhet`` or
``Volkov`` it lacks) and ``vnsum/checks/data/vi_compounds.txt.gz``
(the first two syllables of every lower-case Vietnamese word of more than one syllable in
Viet74K, Hồ Ngọc Đức's word list as underthesea ships it: ``thủ đô``, ``chính phủ``,
``bình thường``; a capitalised syllable followed by its partner is a word, not a name).
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "vnsum" / "checks" / "data"


def english(deb: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        text = (Path(tmp) / "usr/share/dict/american-english").read_text(encoding="utf-8")
    return sorted({w for w in text.split() if w[:1].isalpha() and "'" not in w})


def vietnamese(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as z:
        text = z.read("underthesea/corpus/data/Viet74K.txt").decode("utf-8")
    pairs = set()
    for line in text.splitlines():
        word = unicodedata.normalize("NFC", line.strip())
        syllables = word.replace("-", " ").split()
        if word == word.lower() and len(syllables) >= 2:
            pairs.add(" ".join(syllables[:2]))
    return sorted(pairs)


def write(name: str, header: str, lines: list[str]) -> None:
    body = header + "\n".join(lines) + "\n"
    (DATA / name).write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    print(f"{name}: {len(lines)} entries")


def main(deb: str, wheel: str) -> None:
    write(
        "english_words.txt.gz",
        "# English words as SCOWL spells them, from SCOWL (Kevin Atkinson, Copyright 2000-2011; free to use,\n"
        "# copy, modify and distribute with this notice) as Debian's wamerican 2020.12.07-2 ships it.\n"
        "# Regenerate: python benchmarks/check_eval/wordlists.py\n",
        english(Path(deb)),
    )
    write(
        "vi_compounds.txt.gz",
        "# First two syllables of the lower-case Vietnamese words of Viet74K (Ho Ngoc Duc's Free Vietnamese\n"
        "# Dictionary Project word list, as underthesea 9.5.0 ships it, Apache-2.0).\n"
        "# Regenerate: python benchmarks/check_eval/wordlists.py\n",
        vietnamese(Path(wheel)),
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
