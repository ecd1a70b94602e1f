"""Attack 1 of the outside review: de-anonymising the committee from public data.

The published digest used to cover a snapshot keyed by seat number, while the page and
the API published the rest of it under shuffled "member k" labels: trying all 9! label
orders against the digest gave back which named member gave which scores. Now every
published value (page, API, bundle, digest aside) is the same whichever seat gave which
sheet, and the only values that depend on the seats are HMAC commitments under a key
that is never published.
"""

import hashlib
import hmac
import io
import itertools
import json
import random

import pytest
import rfc8785
from django.core.management import call_command
from django.urls import reverse

from rangwan.judging.models import Score, ScoreSheet
from rangwan.programmes.models import Programme
from rangwan.results.bundle import freeze
from rangwan.results.services import reissue_bundle


@pytest.fixture
def judged_demo(db, settings):
    settings.LIST_PAGE_SIZE = 100  # every dossier on one public page
    call_command("load_demo", "--judged", stdout=io.StringIO())
    return Programme.objects.get(fiscal_year=2568)


def _published(client, programme) -> dict:
    """Every value the public can read, with the digest (and what is derived from it)
    blanked out: the digest covers the commitments, tested on their own below."""
    results = programme.results
    results.refresh_from_db()
    bundle = json.loads(client.get(reverse("results:bundle", args=[programme.pk])).content)
    for dossier in bundle["dossiers"]:
        for sheet in dossier["sheets"]:
            sheet.pop("commitment")
    page = client.get(reverse("results:public", args=[programme.pk])).content.decode()
    page = page.replace(results.digest, "DIGEST").replace(results.digest[:12], "DIGEST")
    # The content only (not the per-response CSRF token and nonces), up to the audit
    # checkpoint, which moves on with every entry.
    page = page[page.index("<main") :].split("<h2>จุดตรวจบันทึกการดำเนินงาน</h2>")[0]
    api = client.get(f"/api/v1/programmes/{programme.pk}/results").json()
    api.pop("sha256")
    return {"bundle": bundle, "page": page, "api": api}


def _swap_seats_within_every_dossier(programme, rng: random.Random) -> None:
    """Rewrite the database as if, in every dossier, the counted sheets had come from
    other seats: the same multiset of score sheets, a different member behind each."""
    for nomination in programme.nominations.all():
        sheets = list(
            ScoreSheet.objects.filter(nomination=nomination, status="submitted").order_by("pk")
        )
        points = [
            {s.criterion_id: s.points for s in Score.objects.filter(sheet=sheet)}
            for sheet in sheets
        ]
        shuffled = points[:]
        while len(sheets) > 1 and shuffled == points:
            rng.shuffle(shuffled)
        for sheet, marks in zip(sheets, shuffled, strict=True):
            for criterion, value in marks.items():
                Score.objects.filter(sheet=sheet, criterion_id=criterion).update(points=value)


def test_every_published_value_is_the_same_whoever_gave_which_scores(client, judged_demo):
    programme = judged_demo
    before = _published(client, programme)
    assert "ฉบับที่ 1" in before["page"]
    _swap_seats_within_every_dossier(programme, random.Random(2568))
    reissue_bundle(results=programme.results, reason="test: seats permuted")
    after = _published(client, programme)
    # Knowing every seat holder and every published value, no assignment of members to
    # sheets is more likely than another: they all publish exactly this.
    assert after["bundle"] == before["bundle"]
    assert after["api"] == before["api"]
    assert after["page"] == before["page"]


def test_the_permutation_search_against_the_digest_finds_nothing(client, judged_demo):
    """The attack as it was run, on everything published: for each dossier try every
    seat for every sheet with every key an outsider could guess, and the old search
    over label orders with the seat-keyed layout hashed against the digest."""
    programme = judged_demo
    results = programme.results
    raw = client.get(reverse("results:bundle", args=[programme.pk])).content
    bundle = json.loads(raw)
    digest = results.digest
    seats = range(1, bundle["rules"]["seats"] + 1)
    guesses = [
        b"",
        digest.encode(),
        bytes.fromhex(digest),
        str(programme.pk).encode(),
        bundle["programme"]["name"].encode(),
        hashlib.sha256(raw).digest(),
    ]
    found = 0
    for dossier in bundle["dossiers"]:
        for sheet, seat in itertools.product(dossier["sheets"], seats):
            message = rfc8785.dumps({"nomination": dossier["nomination"], "seat": seat})
            candidates = [hashlib.sha256(message).hexdigest()] + [
                hmac.new(key, message, hashlib.sha256).hexdigest() for key in guesses
            ]
            found += sheet["commitment"] in candidates
    assert found == 0

    # The old search: rebuild the bundle with sheets keyed by seat under many label
    # orders and compare with the digest. The bundle has no seat field to fill in, so
    # no order can reproduce it; 1,000 random orders per run, and the identity.
    rng = random.Random(0)
    orders = [list(seats)] + [rng.sample(list(seats), len(seats)) for _ in range(1000)]
    for order in orders:
        keyed = json.loads(raw)
        for dossier in keyed["dossiers"]:
            for sheet in dossier["sheets"]:
                sheet["member"] = order[sheet.pop("label") - 1]
        assert hashlib.sha256(rfc8785.dumps(keyed)).hexdigest() != digest
    # Nothing else in a sheet: its label, its points and its commitment.
    assert {
        key for dossier in bundle["dossiers"] for sheet in dossier["sheets"] for key in sheet
    } == {"label", "points", "commitment"}


def test_the_commitments_bind_each_sheet_to_its_seat_for_whoever_holds_the_key(judged_demo):
    results = judged_demo.results
    key = bytes.fromhex(results.snapshot["key"])
    bundle = json.loads(results.bundle)
    seat_of = {(s["nomination"], s["label"]): s["seat"] for s in results.snapshot["sheets"]}
    for dossier in bundle["dossiers"]:
        for sheet in dossier["sheets"]:
            opened = [
                seat
                for seat in range(1, 10)
                if hmac.new(
                    key,
                    rfc8785.dumps({"nomination": dossier["nomination"], "seat": seat}),
                    hashlib.sha256,
                ).hexdigest()
                == sheet["commitment"]
            ]
            assert opened == [seat_of[(dossier["nomination"], sheet["label"])]]
    # and the seat really is the one whose sheet holds those points
    sheet = ScoreSheet.objects.get(
        nomination_id=bundle["dossiers"][0]["nomination"],
        seat__number=seat_of[(bundle["dossiers"][0]["nomination"], 1)],
    )
    points = {s.criterion.code: s.points for s in sheet.scores.select_related("criterion")}
    first = bundle["dossiers"][0]["sheets"][0]["points"]
    assert {code: format(value.normalize(), "f") for code, value in points.items()} == first


def test_a_recused_member_leaves_no_gap_and_is_not_singled_out(client, judged_demo):
    bundle = json.loads(judged_demo.results.bundle)
    recused = [d for d in bundle["dossiers"] if d["recused"]]
    assert len(recused) == 1  # the demo's one upheld conflict
    for dossier in bundle["dossiers"]:
        labels = [sheet["label"] for sheet in dossier["sheets"]]
        assert labels == list(range(1, len(labels) + 1))
    assert len(recused[0]["sheets"]) == 8
    page = client.get(reverse("results:public", args=[judged_demo.pk])).content.decode()
    assert "กรรมการ 1 คนไม่ได้ให้คะแนนผลงานนี้" in page


def test_labels_follow_the_points_not_the_seats(judged_demo):
    """Sheets in a dossier are in order of their points, so a label carries nothing."""
    programme = judged_demo
    frozen = freeze(
        programme,
        key=programme.results.snapshot["key"],
        status="final",
        published_at=programme.results.published_at,
    )
    for dossier in frozen.bundle["dossiers"]:
        codes = [c["code"] for c in frozen.bundle["rubric"]["criteria"]]
        vectors = [[float(s["points"][c]) for c in codes] for s in dossier["sheets"]]
        assert vectors == sorted(vectors)


def test_an_auditor_given_the_key_opens_every_sheet_with_the_verifier(judged_demo, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from django.core.management.base import CommandError

    from rangwan.audit.models import AuditEntry

    results = judged_demo.results
    with pytest.raises(CommandError, match="ฝ่ายเลขานุการ"):
        call_command("results_key", judged_demo.pk, actor="committee1", stdout=io.StringIO())
    out = io.StringIO()
    call_command("results_key", judged_demo.pk, actor="secretariat", stdout=out)
    key = out.getvalue().strip()
    assert key == results.snapshot["key"]
    assert AuditEntry.objects.filter(action="results.reveal_key").count() == 1
    bundle = tmp_path / "bundle.json"
    bundle.write_text(results.bundle, encoding="utf-8")
    verifier = Path(__file__).parents[2] / "rangwan/results/static/results/rangwan_verify.py"
    run = subprocess.run(  # noqa: S603 (our own file, this interpreter)
        [sys.executable, "-I", "-S", str(verifier), str(bundle), results.digest, "--key", key],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    seat_of = {(s["nomination"], s["label"]): s["seat"] for s in results.snapshot["sheets"]}
    nomination, label = next(iter(seat_of))
    assert f"sheet {label} from seat {seat_of[(nomination, label)]}" in run.stdout
