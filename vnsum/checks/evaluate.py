"""Measure the checks on a labelled set of sentence pairs: ``python -m vnsum.checks.evaluate [pairs.jsonl]``.

Each line of the set is ``{"source", "target", "source_lang", "target_lang", "expected": [kinds]}``;
correct pairs expect nothing. A check *fires* on a pair when it returns an ``error`` or a
``warning`` (``info`` is a note, not an alarm). Prints per-check precision and recall and
the false-alarm rate (correct pairs with any error or warning) as a Markdown table.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from vnsum.checks import CHECKS

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "check_eval" / "pairs.jsonl"
ALARMS = ("error", "warning")


@dataclass
class Report:
    pairs: int = 0
    correct: int = 0
    false_alarms: list[str] = field(default_factory=list)
    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, list[str]] = field(default_factory=dict)
    fn: dict[str, list[str]] = field(default_factory=dict)

    def precision(self, kind: str) -> float:
        fired = self.tp.get(kind, 0) + len(self.fp.get(kind, []))
        return self.tp.get(kind, 0) / fired if fired else 1.0

    def recall(self, kind: str) -> float:
        wanted = self.tp.get(kind, 0) + len(self.fn.get(kind, []))
        return self.tp.get(kind, 0) / wanted if wanted else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.correct if self.correct else 0.0


def load(path: Path = DEFAULT_SET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict]) -> Report:
    report = Report()
    for row in rows:
        report.pairs += 1
        fired = set()
        for kind, check in CHECKS.items():
            flags = check(row["source"], row["target"], row["source_lang"], row["target_lang"])
            if any(f.severity in ALARMS for f in flags):
                fired.add(kind)
        expected = set(row["expected"])
        if not expected:
            report.correct += 1
            if fired:
                report.false_alarms.append(row["id"])
        for kind in CHECKS:
            if kind in fired and kind in expected:
                report.tp[kind] = report.tp.get(kind, 0) + 1
            elif kind in fired:
                report.fp.setdefault(kind, []).append(row["id"])
            elif kind in expected:
                report.fn.setdefault(kind, []).append(row["id"])
    return report


def table(report: Report) -> str:
    lines = ["| check | positives | precision | recall | false positives | missed |", "|---|---:|---:|---:|---|---|"]
    for kind in CHECKS:
        positives = report.tp.get(kind, 0) + len(report.fn.get(kind, []))
        fp = ", ".join(report.fp.get(kind, [])) or "-"
        fn = ", ".join(report.fn.get(kind, [])) or "-"
        lines.append(f"| {kind} | {positives} | {report.precision(kind):.2f} | {report.recall(kind):.2f} | {fp} | {fn} |")
    lines.append("")
    lines.append(
        f"{report.pairs} pairs, {report.correct} correct; false alarms on correct pairs: "
        f"{len(report.false_alarms)}/{report.correct} = {report.false_alarm_rate:.1%} ({', '.join(report.false_alarms) or 'none'})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(table(evaluate(load(Path(args[0]) if args else DEFAULT_SET))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
