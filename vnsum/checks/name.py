"""Names kept: people (``error``), places and acronyms (``warning``), organisations (``info``).

A person's name lost, changed or invented is an error. A place or an acronym missing
is a warning (``Lào`` may become ``the Lao side``). A capitalised organisation name
that was translated rather than kept (``Ban Đối ngoại Trung ương`` → ``Central Foreign
Affairs Commission``) is normal and only noted (``info``).
"""

from __future__ import annotations

import difflib

from vnsum.checks.names_norm import contains, fold, names, person_names, tokens
from vnsum.result import Flag

SEVERITY = {"person": "error", "place": "warning", "acronym": "warning", "org": "info", "other": "info"}


def _kept(name, target: str) -> bool:
    return any(contains(target, form) for form in name.forms)


def _closest(name: str, target: str, target_lang: str) -> str | None:
    candidates = [n.text for n in names(target, target_lang) if n.kind in ("person", "other")]
    best = difflib.get_close_matches(fold(name), [fold(c) for c in candidates], n=1, cutoff=0.6)
    return next((c for c in candidates if best and fold(c) == best[0]), None)


def check_name(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    flags: list[Flag] = []
    translated: list[str] = []
    for name in dict.fromkeys(names(source, source_lang)):
        if _kept(name, target):
            continue
        if name.kind == "person":
            near = _closest(name.text, target, target_lang)
            how = f"changed to '{near}'" if near else "missing from the translation"
            flags.append(Flag("name", "error", f"person '{name.text}' {how}"))
        elif name.kind in ("place", "acronym"):
            flags.append(Flag("name", "warning", f"{name.kind} '{name.text}' missing from the translation"))
        else:
            translated.append(name.text)
    source_words = {fold(t.word) for t in tokens(source)}
    for person in dict.fromkeys(person_names(target, target_lang)):
        if not any(fold(t.word) in source_words for t in tokens(person.text)):
            flags.append(Flag("name", "error", f"person '{person.text}' is not in the source"))
    if translated:
        shown = ", ".join(f"'{t}'" for t in translated[:3]) + (" ..." if len(translated) > 3 else "")
        flags.append(Flag("name", "info", f"translated rather than kept: {shown}"))
    return flags
