"""The dossier (form 4) and the committee packet as PDF."""

from __future__ import annotations

from django.utils import timezone, translation

from rangwan.documents.pdf import render_pdf
from rangwan.nominations.enums import NominationStatus
from rangwan.nominations.queries import dossier_sections, evidence_for
from rangwan.nominations.services import dossier_content


def _dossier_data(nomination, version=None) -> dict:
    content = version.content if version else dossier_content(nomination)
    return {
        "nomination": nomination,
        "version": version,
        "content": content,
        "sections": dossier_sections(content),
        "evidence": evidence_for(content),
        "certification": content.get("certification", {}),
    }


def latest_version(nomination):
    return nomination.versions.order_by("-number").first()


def render_dossier_pdf(nomination, version=None) -> bytes:
    """แบบเสนอผลงาน of one district: the given version, else the latest submitted one,
    else the current draft (marked as a draft)."""
    version = version or latest_version(nomination)
    with translation.override("th"):
        return render_pdf(
            "documents/dossier.html",
            {
                "programme": nomination.programme,
                "dossiers": [_dossier_data(nomination, version)],
                "packet": False,
                "printed_at": timezone.now(),
            },
        )


def render_committee_packet(programme) -> bytes:
    """Every accepted dossier in district order, with a cover and contents: one copy a
    committee member (the seed asks the districts for 9 paper copies)."""
    nominations = (
        programme.nominations.filter(status=NominationStatus.ACCEPTED)
        .select_related("district", "district__office", "officer", "member")
        .order_by("district__code")
    )
    dossiers = [_dossier_data(n, latest_version(n)) for n in nominations]
    with translation.override("th"):
        return render_pdf(
            "documents/dossier.html",
            {
                "programme": programme,
                "dossiers": dossiers,
                "packet": True,
                "printed_at": timezone.now(),
            },
        )
