"""The public view of published results, read from the frozen snapshot only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from rangwan.judging.tally import rounded


def anonymous_labels(results) -> dict[int, int]:
    """Seat number -> "member k" on the public page, from the secret random draw stored
    with the results (never from anything the page shows)."""
    return {int(seat): label for seat, label in results.member_labels.items()}


@dataclass(frozen=True)
class PublicRow:
    rank: int
    district: str
    officer: str
    member: str
    work_title: str
    means: list[Decimal]
    total: str
    counted: int
    tied: bool
    decided_by: str
    member_scores: list[tuple[int, list[str], Decimal]]  # (member k, scores, total)


def public_rows(results, ranking: list[dict] | None = None) -> list[PublicRow]:
    """Rows for `ranking` (entries of the snapshot's ranking; all of them by default)."""
    snapshot = results.snapshot
    ranking = snapshot["ranking"] if ranking is None else ranking
    codes = [c["code"] for c in snapshot["rubric"]]
    labels = anonymous_labels(results)
    wanted = {entry["nomination"] for entry in ranking}
    by_nomination: dict[int, list[dict]] = {}
    for sheet in snapshot["sheets"]:
        if sheet["nomination"] in wanted:
            by_nomination.setdefault(sheet["nomination"], []).append(sheet)
    rows = []
    for entry in ranking:
        sheets = sorted(
            by_nomination.get(entry["nomination"], []), key=lambda s: labels[s["member"]]
        )
        rows.append(
            PublicRow(
                rank=entry["rank"],
                district=entry["district_name"],
                officer=entry["officer"],
                member=entry["member"],
                work_title=entry["work_title"],
                means=[rounded(Fraction(entry["means"][code])) for code in codes],
                total=entry["total_rounded"],
                counted=entry["counted"],
                tied=entry["tied"],
                decided_by=entry["decided_by"],
                member_scores=[
                    (
                        labels[sheet["member"]],
                        [sheet["scores"].get(code, "") for code in codes],
                        sum((Decimal(v) for v in sheet["scores"].values()), Decimal(0)),
                    )
                    for sheet in sheets
                ],
            )
        )
    return rows
