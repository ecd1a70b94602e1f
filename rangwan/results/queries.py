"""Reading published results: always from the checked bundle, never from live scores."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet

from rangwan.audit.queries import Checkpoint, checkpoint_of
from rangwan.judging.tally import rounded
from rangwan.results.enums import ResultStatus
from rangwan.results.integrity import TamperedResults, checked_bundle, recorded_entry
from rangwan.results.models import Results


@dataclass(frozen=True)
class SheetRow:
    label: int  # "sheet k" of this dossier only: unrelated to any seat or other dossier
    points: list[Decimal]
    total: Decimal


@dataclass(frozen=True)
class PublicRow:
    nomination: int
    rank: int
    district: str
    officer: str
    member: str
    work_title: str
    dossier_sha256: str
    means: list[Decimal]
    total: Decimal
    total_exact: Fraction
    counted: int
    recused: int
    tied: bool
    decided_by: str
    sheets: list[SheetRow]


@dataclass(frozen=True)
class Published:
    """Published results whose bundle passed its integrity check, or, if it did not,
    `tampered` with the reason (and no numbers)."""

    results: Results
    bundle: dict[str, Any] | None
    tampered: str = ""

    @property
    def codes(self) -> list[str]:
        return [c["code"] for c in self.bundle["rubric"]["criteria"]] if self.bundle else []

    @property
    def ranking(self) -> list[dict[str, Any]]:
        return self.bundle["ranking"] if self.bundle else []

    def rows(self, ranking: list[dict[str, Any]] | None = None) -> list[PublicRow]:
        return public_rows(self.bundle, self.ranking if ranking is None else ranking)

    @property
    def winners(self) -> list[int]:
        return [entry["nomination"] for entry in self.ranking if entry["rank"] == 1]


def published(results: Results | None) -> Published | None:
    if results is None:
        return None
    try:
        return Published(results=results, bundle=checked_bundle(results))
    except TamperedResults as error:
        return Published(results=results, bundle=None, tampered=str(error))


def published_for(programme, *, final_only: bool = False) -> Published | None:
    results = Results.objects.filter(programme=programme)
    if final_only:
        results = results.filter(status=ResultStatus.FINAL)
    return published(results.select_related("programme").first())


def freezing_checkpoint(results: Results) -> Checkpoint | None:
    """The audit checkpoint of the entry that froze these results."""
    entry = recorded_entry(results)
    return checkpoint_of(entry) if entry else None


def public_rows(bundle: dict[str, Any], ranking: list[dict[str, Any]]) -> list[PublicRow]:
    """Rows for `ranking` (entries of the bundle's ranking), with rounded figures for
    display; exact values stay in the bundle."""
    codes = [c["code"] for c in bundle["rubric"]["criteria"]]
    dossiers = {d["nomination"]: d for d in bundle["dossiers"]}
    rows = []
    for entry in ranking:
        dossier = dossiers[entry["nomination"]]
        total = Fraction(entry["total"])
        rows.append(
            PublicRow(
                nomination=entry["nomination"],
                rank=entry["rank"],
                district=dossier["district_name"],
                officer=dossier["officer"],
                member=dossier["member"],
                work_title=dossier["work_title"],
                dossier_sha256=dossier["dossier_sha256"],
                means=[rounded(Fraction(entry["means"][code])) for code in codes],
                total=rounded(total),
                total_exact=total,
                counted=entry["counted"],
                recused=dossier["recused"],
                tied=entry["tied"],
                decided_by=entry["decided_by"],
                sheets=[
                    SheetRow(
                        label=sheet["label"],
                        points=[Decimal(sheet["points"][code]) for code in codes],
                        total=sum((Decimal(v) for v in sheet["points"].values()), Decimal(0)),
                    )
                    for sheet in dossier["sheets"]
                ],
            )
        )
    return rows


def final_programmes() -> QuerySet:
    """The pks of the programmes whose results are final: judging is closed for them
    (registered with rangwan.judging.closing in ResultsConfig.ready())."""
    return Results.objects.filter(status=ResultStatus.FINAL).values("programme")
