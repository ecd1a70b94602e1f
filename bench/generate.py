"""A national-scale programme for benchmarks: N districts, one accepted dossier each
(with one small photo), 9 committee members, every sheet submitted, final results.
Deterministic from a seed.

What goes through the real services (so the data has exactly their shape: audit
entries, dossier versions with their SHA-256, evidence files cleaned and thumbnailed):
registering the pair, saving the dossier, adding the photo, certifying, submitting,
screening (accepted), and finalising the results (the real tally and snapshot).

What is bulk-created, because 9 × N sheets through the services take too long at
N = 880: declarations (no conflicts), score sheets (submitted, version 1, dated) and
their scores. The services would also write one audit entry per declaration and
sheet action; those entries are not written here (no benchmarked page reads them).

With judging="open" (for bench/concurrent_scoring.py) it stops while the committee is
still at work: every member has declared no conflict and holds an empty draft sheet
(version 0, no points) for every dossier, so members can still save; nothing is
submitted and there are no results.

Usage (from the repository root, database from DATABASE_URL or the default SQLite):
    python bench/generate.py [N] [SEED] [--open]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import zoneinfo
from decimal import Decimal
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def _districts(n: int) -> list[tuple[str, str, str, str]]:
    """The demo's 11 districts, then invented ones up to n (codes 25xx, 26xx, …)."""
    from rangwan.seed.chachoengsao import DISTRICTS

    rows = list(DISTRICTS[:n])
    k = 0
    while len(rows) < n:
        code = f"{25 + k // 99:02d}{k % 99 + 1:02d}"
        rows.append((code, f"ทดสอบ{code}", f"Test {code}", f"t{code}"))
        k += 1
    return rows


def generate(n: int = 880, seed: int = 2568, *, judging: str = "final"):
    """Build the programme in the current database (empty, migrated). Returns it.

    judging="final": every sheet submitted and the results frozen; "open": declarations
    (no conflict) and empty draft sheets only, judging still open."""
    if judging not in ("final", "open"):
        raise ValueError(f"judging must be 'final' or 'open', not {judging!r}")
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.test import override_settings
    from django.utils import timezone

    from rangwan.accounts.models import User
    from rangwan.judging.enums import SheetStatus
    from rangwan.judging.models import CommitteeSeat, Declaration, Score, ScoreSheet
    from rangwan.judging.queries import scored_criteria
    from rangwan.nominations import services as nominations
    from rangwan.nominations.enums import EvidenceSection, ScreeningOutcome
    from rangwan.programmes.models import Programme
    from rangwan.results import services as results
    from rangwan.results.live import live_tally
    from rangwan.seed import chachoengsao, demo, demo_judged

    rng = random.Random(seed)
    rows = _districts(n)
    # One real hash shared by every account (one Argon2 hash a user takes minutes at N = 880).
    password = make_password(demo.DEMO_PASSWORD)
    with (
        # Both: load_reference_data creates the districts, load_demo their accounts.
        mock.patch.object(chachoengsao, "DISTRICTS", rows),
        mock.patch.object(demo, "DISTRICTS", rows),
        mock.patch.object(
            User, "set_password", lambda self, raw: setattr(self, "password", password)
        ),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        demo.load_demo()
    programme = Programme.objects.get(fiscal_year=2568)
    secretariat = User.objects.get(username="secretariat")
    seats = list(CommitteeSeat.objects.filter(programme=programme).select_related("user"))
    chair = next(s for s in seats if s.role == "chair").user
    works = list(demo_judged.WORKS.values())

    def clock(moment):
        return mock.patch.object(timezone, "now", lambda: moment)

    day = dt.datetime(2025, 4, 24, 9, tzinfo=BANGKOK)
    entries = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for index, (code, name_th, _en, slug) in enumerate(rows):
            with transaction.atomic():
                staff = User.objects.get(username=f"staff.{slug}")
                head = User.objects.get(username=f"head.{slug}")
                kind_code, network_name, member_role, title, _q = works[index % len(works)]
                quality = rng.uniform(0.6, 0.95)
                ot, of, ol = demo.fictional_name(2 * index)
                mt, mf, ml = demo.fictional_name(2 * index + 1)
                from rangwan.directory.models import NetworkKind, OfficerKind

                with clock(dt.datetime(2025, 2, 3, 10, tzinfo=BANGKOK)):
                    nomination = nominations.register_pair(
                        programme=programme,
                        district=staff.district,
                        actor=staff,
                        officer={
                            "title": ot,
                            "first_name": of,
                            "last_name": f"{ol}{index}",
                            "position": "นักวิชาการพัฒนาชุมชน",
                        },
                        officer_kind=OfficerKind.objects.get(code="phatthanakon"),
                        member={
                            "title": mt,
                            "first_name": mf,
                            "last_name": f"{ml}{index}",
                            "position": "",
                        },
                        network_kind=NetworkKind.objects.get(code=kind_code),
                        network_name=network_name,
                        member_role=member_role,
                    )
                with clock(dt.datetime(2025, 4, 10, 10, tzinfo=BANGKOK)):
                    nominations.save_dossier(
                        nomination=nomination,
                        actor=staff,
                        revision=0,
                        **demo_judged._dossier(code, name_th, title),
                    )
                    nominations.add_evidence(
                        nomination=nomination,
                        actor=staff,
                        upload=demo_judged._photo(code),
                        section=EvidenceSection.JOINT_WORK,
                        caption=f"ประชุมชี้แจงสมาชิก{network_name}",
                    )
                with clock(day):
                    nominations.certify_dossier(
                        nomination=nomination,
                        actor=head,
                        certifier_name=head.display_name,
                        certifier_position=f"พัฒนาการอำเภอ{name_th}",
                    )
                    nominations.submit_dossier(
                        nomination=nomination,
                        actor=staff,
                        officer_confirmed=True,
                        member_confirmed=True,
                    )
                with clock(dt.datetime(2025, 5, 2, 10, tzinfo=BANGKOK)):
                    nominations.screen_dossier(
                        nomination=nomination,
                        actor=secretariat,
                        outcome=ScreeningOutcome.ACCEPTED,
                    )
            entries.append((nomination, quality))
            if index % 100 == 99:
                print(f"  {index + 1} dossiers", file=sys.stderr)

    # Judging, bulk: declarations, submitted sheets, scores.
    judged_at = dt.datetime(2025, 5, 20, 16, tzinfo=BANGKOK)
    criteria = list(scored_criteria(programme))
    with transaction.atomic():
        Declaration.objects.bulk_create(
            Declaration(seat=seat, nomination=nom, has_conflict=False, ruling="")
            for seat in seats
            for nom, _q in entries
        )
        if judging == "open":
            drafts = ScoreSheet.objects.bulk_create(
                ScoreSheet(seat=seat, nomination=nom, status=SheetStatus.DRAFT, version=0)
                for seat in seats
                for nom, _q in entries
            )
            Score.objects.bulk_create(
                (
                    Score(sheet=sheet, criterion=criterion, points=None)
                    for sheet in drafts
                    for criterion in criteria
                ),
                batch_size=2000,
            )
            return programme
        sheets = ScoreSheet.objects.bulk_create(
            ScoreSheet(
                seat=seat,
                nomination=nom,
                status=SheetStatus.SUBMITTED,
                version=2,
                submitted_at=judged_at,
            )
            for seat in seats
            for nom, _q in entries
        )
        quality = {nom.pk: q for nom, q in entries}
        scores = []
        for sheet in sheets:
            for criterion in criteria:
                top = int(criterion.max_points)
                if criterion.code == "1":
                    points = top
                else:
                    share = min(1.0, max(0.3, rng.gauss(quality[sheet.nomination_id], 0.06)))
                    points = max(1, min(top, round(top * share)))
                note = "ครบถ้วนตามเกณฑ์" if points == top else "ตามเอกสารและการนำเสนอ"
                scores.append(
                    Score(sheet=sheet, criterion=criterion, points=Decimal(points), remark=note)
                )
        Score.objects.bulk_create(scores, batch_size=2000)
    with clock(dt.datetime(2025, 5, 23, 10, tzinfo=BANGKOK)):
        # Level after every tie-break (likely among hundreds): the committee's recorded
        # vote, as the chair would enter it, a different count for each tied dossier.
        tied = [r.nomination for r in live_tally(programme).results if r.tied]
        if tied:
            results.record_tie_vote(
                programme=programme, actor=chair, votes={pk: i + 1 for i, pk in enumerate(tied)}
            )
        results.finalise_results(programme=programme, actor=chair)
    return programme


def main() -> None:
    judging = "open" if "--open" in sys.argv else "final"
    args = [arg for arg in sys.argv[1:] if arg != "--open"]
    n = int(args[0]) if args else 880
    seed = int(args[1]) if len(args) > 1 else 2568
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generate(n, seed, judging=judging)
    print(f"generated {n} dossiers (seed {seed}, judging {judging})")


if __name__ == "__main__":
    main()
