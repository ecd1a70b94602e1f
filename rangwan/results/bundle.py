"""The results bundle: everything the ranking rests on, as one canonical JSON document
(RFC 8785) whose SHA-256 is the published digest, and the private record beside it.

The bundle is anonymous by construction: within a dossier the counted sheets are
ordered by their points (then by a keyed commitment) and labelled 1, 2, 3… in that
order, so no published value depends on which seat gave which scores except the
commitments, which are HMACs under a 256-bit key that is never published. Knowing every
seat holder and every published value, trying every assignment of seats to labels finds
nothing: the digest is the same for all of them. docs/TRANSPARENCY.md describes the
format; rangwan/results/static/results/rangwan_verify.py re-tallies it offline.

The private snapshot binds the bundle to the database: the key, which seat gave each
sheet, every conflict declaration and ruling, and the dossier version judged. Its own
SHA-256 (salted by the key, so it cannot be guessed either) is in the audit record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import rfc8785

from rangwan.judging.models import Declaration
from rangwan.judging.queries import counted_sheets, rules_for, scored_criteria
from rangwan.judging.tally import Sheet, TieBreak, tally
from rangwan.nominations.enums import NominationStatus, ScreeningOutcome
from rangwan.nominations.models import DossierVersion
from rangwan.results.live import tie_votes

FORMAT = "rangwan-results-bundle/1"


def canonical(data: Any) -> bytes:
    """RFC 8785 (JSON Canonicalization Scheme): the bytes the digest is taken over."""
    return rfc8785.dumps(data)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_key() -> str:
    return secrets.token_hex(32)


def points_text(value: Decimal | int | str) -> str:
    """Points as a plain decimal string: Decimal("9.50") -> "9.5", Decimal("10.00") -> "10"."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "") else text


def fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def commitment(key: str, *, nomination: int, seat: int) -> str:
    """HMAC-SHA256 binding a sheet to its seat; opened only by whoever holds the key."""
    message = canonical({"nomination": nomination, "seat": seat})
    return hmac.new(bytes.fromhex(key), message, hashlib.sha256).hexdigest()


def _time(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


@dataclass(frozen=True)
class Frozen:
    bundle: dict[str, Any]
    snapshot: dict[str, Any]

    @property
    def bundle_text(self) -> str:
        return canonical(self.bundle).decode("utf-8")

    @property
    def digest(self) -> str:
        return sha256_hex(canonical(self.bundle))

    @property
    def snapshot_digest(self) -> str:
        return sha256_hex(canonical(self.snapshot))


def freeze(
    programme,
    *,
    key: str,
    status: str,
    published_at: dt.datetime,
    finalised_at: dt.datetime | None = None,
    objections_close_at: dt.datetime | None = None,
) -> Frozen:
    """The bundle and the private snapshot of `programme` as its data stands now. The same
    data, key and times always give the same bytes (that is how verification works)."""
    criteria = scored_criteria(programme)
    codes = [c.code for c in criteria]
    rules = rules_for(programme)
    seats = list(programme.seats.order_by("number"))
    nominations = list(
        programme.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("district", "officer", "member", "dossier")
        .order_by("district__code")
    )
    sheets = counted_sheets(programme)
    votes = tie_votes(programme)
    tie_break = [TieBreak(link["label"], tuple(link["codes"])) for link in rules.tie_break]
    result = tally(
        nominations=[n.pk for n in nominations],
        criteria=codes,
        sheets=sheets,
        tie_break=tie_break,
        votes=votes,
    )
    declarations = list(
        # Only the judged dossiers': the bundle's counts must add up from its own dossiers.
        Declaration.objects.filter(
            seat__programme=programme, nomination__in=[n.pk for n in nominations]
        )
        .values_list("seat__number", "nomination_id", "has_conflict", "ruling")
        .order_by("nomination_id", "seat__number")
    )
    recused: dict[int, int] = {}
    for _seat, nomination, has_conflict, ruling in declarations:
        if has_conflict and ruling == "upheld":
            recused[nomination] = recused.get(nomination, 0) + 1
    versions = _judged_versions(nominations)

    by_nomination: dict[int, list[Sheet]] = {}
    for sheet in sheets:
        by_nomination.setdefault(sheet.nomination, []).append(sheet)
    dossiers, seat_of_label = [], []
    for nomination in nominations:
        labelled = _labelled(by_nomination.get(nomination.pk, []), codes, key)
        version = versions.get(nomination.pk)
        dossiers.append(
            {
                "nomination": nomination.pk,
                "district": nomination.district.code,
                "district_name": nomination.district.name_th,
                "officer": nomination.officer.full_name if nomination.officer else "",
                "member": nomination.member.full_name if nomination.member else "",
                "work_title": nomination.dossier.work_title,
                "dossier_sha256": version.sha256 if version else "",
                "recused": recused.get(nomination.pk, 0),
                "sheets": [
                    {
                        "label": label,
                        "points": {
                            code: points_text(sheet.scores.get(code) or 0) for code in codes
                        },
                        "commitment": sealed,
                    }
                    for label, sheet, sealed in labelled
                ],
            }
        )
        seat_of_label += [
            {"nomination": nomination.pk, "label": label, "seat": int(sheet.member)}
            for label, sheet, _sealed in labelled
        ]

    conflicts = [d for d in declarations if d[2]]
    bundle = {
        "format": FORMAT,
        "status": status,
        "published_at": _time(published_at),
        "finalised_at": _time(finalised_at),
        "objections_close_at": _time(objections_close_at),
        "programme": {
            "id": programme.pk,
            "name": programme.name_th,
            "fiscal_year": programme.fiscal_year,
            "province": programme.province.name_th,
        },
        "rubric": {
            "declared_total": points_text(programme.rubric.declared_total),
            "criteria": [
                {"code": c.code, "title": c.title_th, "max": points_text(c.max_points)}
                for c in criteria
            ],
        },
        "rules": {
            "score_step": points_text(rules.score_step),
            "seats": len(seats),
            "quorum": rules.quorum(len(seats)),
            "tie_break": [{"label": link.label, "codes": list(link.codes)} for link in tie_break],
        },
        "committee": [{"post": s.post_th, "holder": s.holder_name, "role": s.role} for s in seats],
        "conflicts": {
            "declared": len(conflicts),
            "upheld": sum(1 for d in conflicts if d[3] == "upheld"),
        },
        "votes": [{"nomination": n, "votes": v} for n, v in sorted(votes.items())],
        "dossiers": dossiers,
        "ranking": [
            {
                "nomination": r.nomination,
                "rank": r.rank,
                "total": fraction_text(r.total),
                "means": {code: fraction_text(r.means[code]) for code in codes},
                "counted": r.counted,
                "decided_by": r.decided_by,
                "tied": r.tied,
            }
            for r in result.results
        ],
    }
    snapshot = {
        "key": key,
        "sheets": seat_of_label,
        "declarations": [
            {"seat": seat, "nomination": nomination, "conflict": has_conflict, "ruling": ruling}
            for seat, nomination, has_conflict, ruling in declarations
        ],
        "dossiers": [
            {
                "nomination": n.pk,
                "version": versions[n.pk].number if n.pk in versions else None,
                "sha256": versions[n.pk].sha256 if n.pk in versions else "",
            }
            for n in nominations
        ],
    }
    return Frozen(bundle=bundle, snapshot=snapshot)


def _labelled(sheets: list[Sheet], codes: list[str], key: str) -> list[tuple[int, Sheet, str]]:
    """(label, sheet, commitment), labels 1… in the order of the points (rubric order,
    as numbers), then of the commitment: nothing about the seat shows in the order."""
    sealed = [
        (
            tuple(Decimal(sheet.scores.get(code) or 0) for code in codes),
            commitment(key, nomination=sheet.nomination, seat=int(sheet.member)),
            sheet,
        )
        for sheet in sheets
    ]
    sealed.sort(key=lambda item: (item[0], item[1]))
    return [(index, sheet, seal) for index, (_points, seal, sheet) in enumerate(sealed, 1)]


def _judged_versions(nominations) -> dict[int, DossierVersion]:
    """The accepted (latest accepted) version of each dossier: the one the committee read."""
    versions: dict[int, DossierVersion] = {}
    for version in DossierVersion.objects.filter(
        nomination__in=[n.pk for n in nominations], outcome=ScreeningOutcome.ACCEPTED
    ).order_by("nomination_id", "number"):
        versions[version.nomination_id] = version
    return versions
