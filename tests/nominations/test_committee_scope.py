"""The committee role is global, but a committee reads only its own programme's dossiers:
a member of another year's committee (no seat here) reads nothing."""

from django.urls import reverse

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User


def _dossier_urls(nomination):
    evidence = nomination.evidence.first()
    return [
        reverse("nominations:detail", args=[nomination.pk]),
        reverse("nominations:dossier_pdf", args=[nomination.pk]),
        reverse("nominations:packet", args=[nomination.programme_id]),
        reverse("nominations:version", args=[nomination.pk, 1]),
        reverse("nominations:evidence_file", args=[evidence.pk, "file"]),
    ]


def test_a_committee_member_without_a_seat_reads_no_dossier(accepted, client):
    outsider = User.objects.create_user("outsider", password="x", role=Role.COMMITTEE_MEMBER)
    client.force_login(outsider)
    for url in _dossier_urls(accepted):
        assert client.get(url).status_code == 403, url


def test_a_seated_member_reads_the_accepted_dossiers(accepted, demo, client):
    client.force_login(demo.seats.get(number=2).user)
    for url in _dossier_urls(accepted):
        assert client.get(url).status_code == 200, url
