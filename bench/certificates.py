"""Certificates for a very large programme: time and peak memory of issuing, rendering
and zipping, through the real background worker.

What it does, all in a throwaway folder (a fresh SQLite database and "generated"
storage; nothing of var/ is touched):
  1. migrates, loads the demo programme, then adds PAIRS accepted pairs (one district
     each, 2 people a pair) and FINAL results ranking them (the first pair wins);
  2. issues every certificate (`issue_certificates`): 2 awards + 2 × PAIRS
     participation certificates;
  3. queues "issue all certificates" (`start_certificate_batch`) and runs the database
     worker (`manage.py db_worker --batch`) in this process: it renders every PDF and
     zips them into the generated storage;
  4. for comparison, renders SAMPLE certificates one WeasyPrint document each, and
     the first 200 certificates laid out 10, 50 and 200 to a document.

Peak memory is the process's peak resident set (`resource.getrusage`, max RSS), read
before and after each step.

Usage (from the repository root):  .venv/bin/python bench/certificates.py [PAIRS] [SAMPLE]
Defaults: 880 pairs (1,760 people), a sample of 40.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def setup(var_dir: str) -> None:
    os.environ["RANGWAN_VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["TASKS_BACKEND"] = "database"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The demo's accounts need no real password hashing here: Argon2 would take 100 MB
    # a hash and blur the memory figures.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    call_command("migrate", verbosity=0)


def build(pairs: int):
    """The demo programme with `pairs` accepted pairs and final results."""
    from django.utils import timezone

    from rangwan.accounts.models import User
    from rangwan.directory.models import (
        District,
        DistrictOffice,
        NetworkKind,
        OfficerKind,
        Person,
        Province,
    )
    from rangwan.nominations.enums import NominationStatus
    from rangwan.nominations.models import Nomination
    from rangwan.programmes.models import Programme
    from rangwan.results.enums import ResultStatus
    from rangwan.results.models import Results
    from rangwan.seed.demo import fictional_name, load_demo

    load_demo()
    programme = Programme.objects.get(fiscal_year=2568)
    secretariat = User.objects.get(username="secretariat")
    province = Province.objects.get(code="24")
    districts = District.objects.bulk_create(
        District(province=province, code=f"B{n:03d}", name_th=f"ทดสอบที่ {n}") for n in range(pairs)
    )
    offices = DistrictOffice.objects.bulk_create(
        DistrictOffice(district=d, name_th=f"สำนักงานพัฒนาชุมชนอำเภอ{d.name_th}") for d in districts
    )
    people = []
    for n in range(2 * pairs):
        title, first, last = fictional_name(n)
        people.append(Person(title=title, first_name=first, last_name=f"{last}{n}"))
    people = Person.objects.bulk_create(people)
    officer_kind = OfficerKind.objects.get(code="phatthanakon")
    network_kind = NetworkKind.objects.get(code="mae-phaendin")
    nominations = Nomination.objects.bulk_create(
        Nomination(
            programme=programme,
            district=district,
            status=NominationStatus.ACCEPTED,
            officer=people[2 * n],
            officer_kind=officer_kind,
            member=people[2 * n + 1],
            network_kind=network_kind,
            network_name=f"กองทุนแม่ของแผ่นดินบ้านที่ {n}",
            member_role="ประธาน",
            registered_by=secretariat,
        )
        for n, (district, _office) in enumerate(zip(districts, offices, strict=True))
    )
    now = timezone.now()
    # Only the ranking matters here; the bundle is stored and recorded as finalising
    # would, so the certificates pass the same integrity check as on a real programme.
    from rangwan.audit.services import record
    from rangwan.results.bundle import canonical, new_key, sha256_hex

    bundle = {
        "format": "rangwan-results-bundle/1",
        "rubric": {"criteria": []},
        "dossiers": [],
        "ranking": [
            {"nomination": nomination.pk, "rank": rank}
            for rank, nomination in enumerate(nominations, start=1)
        ],
    }
    snapshot = {"key": new_key()}
    results = Results.objects.create(
        programme=programme,
        status=ResultStatus.FINAL,
        published_at=now,
        published_by=secretariat,
        finalised_at=now,
        finalised_by=secretariat,
        bundle=canonical(bundle).decode(),
        digest=sha256_hex(canonical(bundle)),
        snapshot=snapshot,
        snapshot_digest=sha256_hex(canonical(snapshot)),
    )
    record(
        actor=secretariat,
        action="results.finalise",
        obj=results,
        after={"digest": results.digest, "snapshot_digest": results.snapshot_digest},
    )
    return programme, secretariat


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 880
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    with tempfile.TemporaryDirectory(prefix="rangwan-bench-") as var_dir:
        setup(var_dir)
        from django.core.management import call_command

        from rangwan.honours import services
        from rangwan.honours.models import Certificate, CertificateBatch

        start_mb = peak_mb()
        t0 = time.perf_counter()
        programme, secretariat = build(pairs)
        t_build = time.perf_counter() - t0
        wording = services.default_wording(programme) | {"issued_on": dt.date(2025, 6, 13)}

        t0 = time.perf_counter()
        issued = services.issue_certificates(
            programme=programme, actor=secretariat, wording=wording
        )
        t_issue = time.perf_counter() - t0
        issue_mb = peak_mb()

        # Warm the renderer (WeasyPrint's import and first layout) outside the timing.
        from rangwan.documents.certificates import render_certificate_pdf

        render_certificate_pdf(issued[0])
        warm_mb = peak_mb()

        batch = services.start_certificate_batch(
            programme=programme, actor=secretariat, wording=wording
        )
        t0 = time.perf_counter()
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )
        t_batch = time.perf_counter() - t0
        batch_mb = peak_mb()
        batch = CertificateBatch.objects.get(pk=batch.pk)
        assert batch.status == "done", batch.error
        zip_bytes = batch.file.size

        certificates = list(Certificate.objects.select_related("nomination__district")[:sample])
        t0 = time.perf_counter()
        sizes = [len(render_certificate_pdf(c)) for c in certificates]
        t_separate = (time.perf_counter() - t0) / len(certificates)

        from rangwan.documents.certificates import render_certificates

        chunks = {}
        first = list(Certificate.objects.select_related("nomination__district")[:200])
        for chunk in (10, 50, 200):
            t0 = time.perf_counter()
            for _certificate, _pdf in render_certificates(first, chunk=chunk):
                pass
            chunks[chunk] = (time.perf_counter() - t0) / len(first)

        total = len(issued)
        print(f"pairs: {pairs:,} ({2 * pairs:,} people); certificates: {total:,}")
        print(f"build test data:               {t_build:8.1f} s")
        print(f"issue (one bulk insert):       {t_issue:8.2f} s")
        print(
            f"batch: render + zip (worker):  {t_batch:8.1f} s  "
            f"= {1000 * t_batch / total:.0f} ms a certificate"
        )
        print(f"zip: {zip_bytes / 1e6:.1f} MB, {zip_bytes / total / 1000:.1f} kB a certificate")
        print(
            f"for comparison, one document a certificate: {1000 * t_separate:.0f} ms each "
            f"({sum(sizes) / len(sizes) / 1000:.1f} kB), sample of {len(certificates)}"
        )
        for chunk, seconds in chunks.items():
            print(
                f"  {len(first)} certificates, {chunk} to a document: {1000 * seconds:.0f} ms each"
            )
        print(
            f"peak RSS: start {start_mb:.0f} MB, after issuing {issue_mb:.0f} MB, "
            f"WeasyPrint loaded {warm_mb:.0f} MB, after the batch {batch_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
