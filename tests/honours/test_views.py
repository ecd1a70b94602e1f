import pytest
from django.urls import reverse

from rangwan.honours.enums import BatchStatus, CertificateKind
from rangwan.honours.models import Certificate, CertificateBatch
from tests.honours.conftest import WORDING


def test_the_secretariat_sees_every_certificate_with_its_actions(client_as, users, issued):
    programme, _nominations, certificates = issued
    page = client_as(users["secretariat"]).get(reverse("honours:list", args=[programme.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for certificate in certificates:
        assert certificate.display_code in html
        assert reverse("honours:pdf", args=[certificate.pk]) in html
        assert reverse("honours:revoke", args=[certificate.pk]) in html
    assert reverse("honours:batch_start", args=[programme.pk]) in html


def test_the_viewer_reads_the_list_but_cannot_revoke_or_issue(client_as, users, issued):
    programme, _nominations, certificates = issued
    client = client_as(users["viewer"])
    html = client.get(reverse("honours:list", args=[programme.pk])).content.decode()
    assert certificates[0].display_code in html
    assert reverse("honours:revoke", args=[certificates[0].pk]) not in html
    assert reverse("honours:batch_start", args=[programme.pk]) not in html
    assert client.get(reverse("honours:pdf", args=[certificates[0].pk])).status_code == 200
    response = client.post(reverse("honours:revoke", args=[certificates[0].pk]), {"reason": "x"})
    assert response.status_code == 403
    assert not Certificate.objects.filter(revoked_at__isnull=False).exists()


@pytest.mark.parametrize("role", ["district_staff", "district_head", "committee_chair"])
def test_others_cannot_revoke_or_download(client_as, users, issued, role):
    certificate = issued[2][0]
    client = client_as(users[role])
    assert (
        client.post(reverse("honours:revoke", args=[certificate.pk]), {"reason": "x"}).status_code
        == 403
    )
    assert client.get(reverse("honours:pdf", args=[certificate.pk])).status_code == 403


def test_the_secretariat_revokes_with_a_reason(client_as, users, issued):
    certificate = issued[2][0]
    client = client_as(users["secretariat"])
    url = reverse("honours:revoke", args=[certificate.pk])
    page = client.post(url, {"reason": ""})
    assert page.status_code == 200
    assert "error-text" in page.content.decode()
    response = client.post(url, {"reason": "ชื่อสะกดผิด จะออกฉบับใหม่"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoke_reason == "ชื่อสะกดผิด จะออกฉบับใหม่"
    pdf = client.get(reverse("honours:pdf", args=[certificate.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_starting_a_batch_queues_it_once_the_request_commits(
    client_as, users, final_results, django_capture_on_commit_callbacks
):
    programme, _nominations, _results = final_results
    client = client_as(users["secretariat"])
    form = client.get(reverse("honours:batch_start", args=[programme.pk]))
    assert "ระดับจังหวัด" in form.content.decode()  # the default wording
    data = {**WORDING, "issued_on": "13/06/2568"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("honours:batch_start", args=[programme.pk]), data)
    assert response.status_code == 302
    batch = CertificateBatch.objects.get()
    assert batch.status == BatchStatus.QUEUED
    assert batch.options["issued_on"] == "2025-06-13"
    assert len(callbacks) == 1
    # A second batch is refused while the first waits.
    page = client.post(reverse("honours:batch_start", args=[programme.pk]), data)
    assert page.status_code == 200
    assert CertificateBatch.objects.count() == 1


def test_no_batch_before_the_results_are_final(client_as, users, judged_programme):
    programme, _nominations = judged_programme
    client = client_as(users["secretariat"])
    data = {**WORDING, "issued_on": "13/06/2568"}
    page = client.post(reverse("honours:batch_start", args=[programme.pk]), data)
    assert page.status_code == 200
    assert "ผลยังไม่เป็นที่สุด" in page.content.decode()
    assert not CertificateBatch.objects.exists()


def test_batch_progress_is_a_fragment_that_polls_while_running(client_as, users, final_results):
    programme, _nominations, _results = final_results
    batch = CertificateBatch.objects.create(
        programme=programme,
        started_by=users["secretariat"],
        status=BatchStatus.RUNNING,
        total=10,
        done=4,
    )
    client = client_as(users["secretariat"])
    fragment = client.get(reverse("honours:batch_status", args=[batch.pk]), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "<html" not in html
    assert 'value="4"' in html
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.FAILED, error="OSError: disk full"
    )
    response = client.get(reverse("honours:batch_status", args=[batch.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "hx-trigger" not in html
    assert response["HX-Refresh"] == "true"  # the page reloads to show what was issued
    assert "OSError: disk full" in html


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_however_many_certificates(
    client_as, users, final_results, django_assert_num_queries, count
):
    programme, nominations, _results = final_results
    for n in range(count):
        nomination = nominations[n % 2]
        Certificate.objects.create(
            programme=programme,
            person=nomination.officer if n < 2 else nomination.member,
            nomination=nomination,
            kind=CertificateKind.PARTICIPATION,
            code=f"ABCDEFGHJK{n:02d}",
            name="ก",
            award_text="ข",
            programme_text="ค",
            issuer="ง",
            issued_on="2025-06-13",
            signer_name="จ",
            signer_position="ฉ",
            issued_by=users["secretariat"],
        )
    client = client_as(users["secretariat"])
    with django_assert_num_queries(8):  # 8th: the results' audit entry (integrity check)
        assert client.get(reverse("honours:list", args=[programme.pk])).status_code == 200
