"""The batch through the real worker: `manage.py db_worker --batch` against the
database task backend, as production runs it."""

import io
import signal
import zipfile

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from rangwan.audit.models import AuditEntry
from rangwan.honours import services
from rangwan.honours.enums import BatchStatus, CertificateKind
from rangwan.honours.models import Certificate, CertificateBatch
from tests.honours.conftest import WORDING

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def run_worker():
    """Run the worker until the queue is empty, then give pytest its signal handlers
    back (the worker installs its own for a graceful shutdown)."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )

    yield run
    for number, handler in saved.items():
        signal.signal(number, handler)


def test_the_worker_issues_every_certificate_and_zips_one_pdf_each(
    final_results, users, run_worker
):
    programme, (_bangkhla, _mueang), _results = final_results
    batch = services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    task = DBTaskResult.objects.get()
    assert task.status == "READY"
    assert CertificateBatch.objects.get().task_id == str(task.id)

    run_worker()

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE, batch.error
    assert (batch.total, batch.done) == (6, 6)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    certificates = Certificate.objects.all()
    assert certificates.count() == 6
    with batch.file.open("rb") as stored, zipfile.ZipFile(io.BytesIO(stored.read())) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 6
        for certificate in certificates:
            (name,) = [n for n in names if certificate.display_code in n]
            folder = "รางวัล" if certificate.kind == CertificateKind.AWARD else "ผู้เข้าร่วม"
            assert name.startswith(f"{folder}/{certificate.nomination.district.code} ")
            assert certificate.name in name
            assert name.endswith(".pdf")
            assert archive.read(name).startswith(b"%PDF-")
    award_names = [n for n in names if n.startswith("รางวัล/")]
    assert len(award_names) == 2 and all("2402 บางคล้า" in n for n in award_names)
    assert AuditEntry.objects.filter(action="certificates.batch_done").count() == 1


def test_a_second_run_keeps_the_numbers_and_leaves_revoked_certificates_out(
    final_results, users, run_worker
):
    programme, _nominations, _results = final_results
    services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    run_worker()
    codes = set(Certificate.objects.values_list("code", flat=True))
    revoked = Certificate.objects.first()
    services.revoke_certificate(certificate=revoked, actor=users["secretariat"], reason="ซ้ำ")

    batch = services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    run_worker()

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    assert set(Certificate.objects.values_list("code", flat=True)) == codes
    with batch.file.open("rb") as stored, zipfile.ZipFile(io.BytesIO(stored.read())) as archive:
        assert len(archive.namelist()) == 5
        assert not [n for n in archive.namelist() if revoked.display_code in n]


def test_a_failure_is_recorded_on_the_batch_and_the_task(
    final_results, users, run_worker, settings, tmp_path
):
    programme, _nominations, _results = final_results
    # The generated storage points at a file, not a folder: the zip cannot be saved.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "generated": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker), "base_url": "/no-public-url/"},
        },
    }
    batch = services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    run_worker()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert "Error" in batch.error
    assert batch.finished_at is not None
    assert DBTaskResult.objects.get().status == "FAILED"
    # The certificates were issued before the failure and stay issued.
    assert Certificate.objects.count() == 6
    # With the cause fixed, a new batch can start.
    settings.STORAGES = {
        **settings.STORAGES,
        "generated": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "generated"), "base_url": "/no-public-url/"},
        },
    }
    services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    run_worker()
    assert CertificateBatch.objects.filter(status=BatchStatus.DONE).count() == 1


def test_the_secretariat_downloads_the_zip_and_no_one_else(
    final_results, users, run_worker, client
):
    from django.urls import reverse

    programme, _nominations, _results = final_results
    batch = services.start_certificate_batch(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    run_worker()
    url = reverse("honours:batch_zip", args=[batch.pk])
    client.force_login(users["viewer"])
    assert client.get(url).status_code == 403
    client.force_login(users["secretariat"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    page = client.get(reverse("honours:list", args=[programme.pk])).content.decode()
    assert url in page
