"""Reads for the certificates pages."""

from __future__ import annotations

from rangwan.honours.models import Certificate, CertificateBatch


def certificates_of(programme):
    return (
        Certificate.objects.filter(programme=programme)
        .select_related("nomination__district")
        .order_by("kind", "nomination__district__code", "pk")
    )


def latest_batch(programme) -> CertificateBatch | None:
    return CertificateBatch.objects.filter(programme=programme).order_by("-pk").first()


def last_wording(programme) -> dict | None:
    """The wording of the programme's last batch, to start the next one from."""
    batch = latest_batch(programme)
    return dict(batch.options) if batch and batch.options else None
