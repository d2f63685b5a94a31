"""Measure the checks on a labelled set of sentence pairs.

    python -m vnsum.checks.evaluate                  # the held-out part of the shipped set
    python -m vnsum.checks.evaluate --split tune     # the part the rules were tuned on
    python -m vnsum.checks.evaluate my_pairs.jsonl   # any set in the same format

Each line of a set is ``{"id", "source", "target", "source_lang", "target_lang",
"expected": [kinds], "tolerated": [kinds]}``; faithful pairs expect nothing. A check
*fires* on a pair when it returns an ``error`` or a ``warning`` (``info`` is a note, not
an alarm). A firing kind that is neither expected nor tolerated is a false positive.
The shipped set (``vnsum/checks/evalset/``, built by ``benchmarks/check_eval/build.py``)
is split by article into ``tune`` and ``heldout``; only ``tune`` was looked at while the
rules were written.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from vnsum.checks import CHECKS

EVALSET = Path(__file__).resolve().parent / "evalset"
SPLITS = ("tune", "heldout")
ALARMS = ("error", "warning")


@dataclass
class Report:
    pairs: int = 0
    tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    fp: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fn: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    faithful: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # per direction
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # faithful pairs with an error
    alarms: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # ... with an error or a warning

    def precision(self, kind: str) -> float:
        fired = self.tp[kind] + len(self.fp[kind])
        return self.tp[kind] / fired if fired else 1.0

    def recall(self, kind: str) -> float:
        wanted = self.tp[kind] + len(self.fn[kind])
        return self.tp[kind] / wanted if wanted else 1.0

    def error_rate(self, direction: str) -> float:
        return len(self.errors[direction]) / self.faithful[direction] if self.faithful[direction] else 0.0

    def alarm_rate(self, direction: str) -> float:
        return len(self.alarms[direction]) / self.faithful[direction] if self.faithful[direction] else 0.0

    @property
    def correct(self) -> int:
        return sum(self.faithful.values())

    @property
    def false_alarms(self) -> list[str]:
        return [i for ids in self.alarms.values() for i in ids]

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.correct if self.correct else 0.0


def load(path: Path | str | None = None, split: str = "heldout") -> list[dict]:
    """Rows of a set file; by default the shipped set's ``split`` (``tune``, ``heldout`` or ``all``)."""
    if path is not None:
        paths = [Path(path)]
    else:
        paths = [EVALSET / f"{s}.jsonl" for s in (SPLITS if split == "all" else (split,))]
    return [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict]) -> Report:
    report = Report()
    for row in rows:
        report.pairs += 1
        direction = f"{row['source_lang']}-{row['target_lang']}"
        flags = {kind: check(row["source"], row["target"], row["source_lang"], row["target_lang"]) for kind, check in CHECKS.items()}
        fired = {kind for kind, fs in flags.items() if any(f.severity in ALARMS for f in fs)}
        expected, tolerated = set(row["expected"]), set(row.get("tolerated", ()))
        if not expected:
            report.faithful[direction] += 1
            if any(f.severity == "error" for fs in flags.values() for f in fs):
                report.errors[direction].append(row["id"])
            if fired:
                report.alarms[direction].append(row["id"])
        for kind in CHECKS:
            if kind in fired and kind in expected:
                report.tp[kind] += 1
            elif kind in fired and kind not in tolerated:
                report.fp[kind].append(row["id"])
            elif kind in expected and kind not in fired:
                report.fn[kind].append(row["id"])
    return report


def _ids(ids: list[str], limit: int = 6) -> str:
    return ", ".join(ids[:limit]) + (f" … (+{len(ids) - limit})" if len(ids) > limit else "") if ids else "-"


def table(report: Report) -> str:
    lines = ["| check | positives | precision | recall | false positives | missed |", "|---|---:|---:|---:|---|---|"]
    for kind in CHECKS:
        positives = report.tp[kind] + len(report.fn[kind])
        scores = f"{report.precision(kind):.2f} | {report.recall(kind):.2f}"
        lines.append(f"| {kind} | {positives} | {scores} | {_ids(report.fp[kind])} | {_ids(report.fn[kind])} |")
    lines += ["", "| faithful pairs | n | with an error | with an error or a warning |", "|---|---:|---:|---:|"]
    for direction in sorted(report.faithful):
        lines.append(
            f"| {direction} | {report.faithful[direction]} | {len(report.errors[direction])} ({report.error_rate(direction):.1%}) "
            f"| {len(report.alarms[direction])} ({report.alarm_rate(direction):.1%}) |"
        )
    lines += ["", f"{report.pairs} pairs; faithful pairs with an alarm: {_ids(report.false_alarms, 20)}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vnsum.checks.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", help="a set file (JSON Lines); default: the shipped set")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="heldout", help="part of the shipped set (default: heldout)")
    args = parser.parse_args(argv)
    print(table(evaluate(load(args.path, args.split))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
