"""Numbers and dates kept: nothing lost, nothing invented (severity ``error``)."""

from __future__ import annotations

from vnsum.checks.numbers_norm import describe, match, quantities
from vnsum.result import Flag


def check_number(source: str, target: str, source_lang: str, target_lang: str) -> list[Flag]:
    lost, invented = match(quantities(source, source_lang), quantities(target, target_lang))
    flags = []
    if lost:
        flags.append(Flag("number", "error", f"lost in the translation: {describe(lost)}"))
    if invented:
        flags.append(Flag("number", "error", f"not in the source: {describe(invented)}"))
    return flags
