"""Write vnsum/checks/data/places_cldr.tsv and currencies_cldr.txt from the Unicode CLDR
(through Babel): the Vietnamese and English names of every country, territory and
continent, and of the cities CLDR names differently in Vietnamese (``Mát-xcơ-va``).

    pip install babel && python benchmarks/check_eval/cldr_names.py

Babel is needed only to regenerate the files; vnsum reads the files.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, __version__

DATA = Path(__file__).resolve().parents[2] / "vnsum" / "checks" / "data"
CONTINENTS = {"002", "019", "142", "150", "009", "053", "035", "030", "145", "034", "151", "155", "039", "154", "021", "005", "013", "029"}


def main() -> None:
    vi, en = Locale("vi"), Locale("en")
    lines = [
        f"# Countries, territories, regions and cities: Vietnamese | English, from the Unicode CLDR (Babel {__version__}).",
        "# Regenerate: python benchmarks/check_eval/cldr_names.py",
    ]
    for code, vi_name in sorted(vi.territories.items()):
        if code.isdigit() and code not in CONTINENTS:
            continue
        en_name = en.territories.get(code)
        if not en_name or code in ("ZZ", "QO", "EZ", "UN", "XA", "XB"):
            continue
        forms = [vi_name, en_name]
        for variant in (en.territories.get(f"{code}-alt-short"), en.territories.get(f"{code}-alt-variant")):
            if variant:
                forms.append(variant)
        lines.append(" | ".join(dict.fromkeys(f.replace("|", "/") for f in forms)))
    for zone, names in sorted(vi.time_zones.items()):
        city = names.get("city")
        english = en.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if city and city != english and not zone.startswith("Etc/"):
            lines.append(f"{city} | {english}")
    (DATA / "places_cldr.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    codes = sorted(c for c in en.currencies if len(c) == 3 and c.isupper())
    head = f"# ISO 4217 currency codes known to the Unicode CLDR (Babel {__version__}): units, not names.\n"
    (DATA / "currencies_cldr.txt").write_text(head + "\n".join(codes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
