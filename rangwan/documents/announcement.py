"""ประกาศผลการคัดเลือก: the results announcement, made from the frozen final results
only (checked against their digest first), with the bundle's SHA-256, the public page
where anyone can check them, and the audit record's checkpoint when it was printed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from rangwan.audit.queries import chain_head
from rangwan.core.thai import thai_digits
from rangwan.documents.pdf import render_pdf
from rangwan.results.bundle import points_text
from rangwan.results.integrity import TamperedResults
from rangwan.results.queries import published


def render_announcement_pdf(results) -> bytes:
    """Raises TamperedResults rather than print figures that fail their check."""
    if not results.is_final:
        raise ValueError("The announcement is made from final results only.")
    shown = published(results)
    if shown.tampered:
        raise TamperedResults(shown.tampered)
    bundle = shown.bundle
    programme = results.programme
    chair = next((s for s in bundle["committee"] if s["role"] == "chair"), None)
    rows = [
        {
            "district_name": row.district,
            "officer": row.officer,
            "member": row.member,
            "work_title": row.work_title,
            "rank_th": thai_digits(row.rank),
            "total_th": thai_digits(f"{row.total:.2f}"),
            "winner": row.rank == 1,
        }
        for row in sorted(shown.rows(), key=lambda r: r.rank)
    ]
    office = getattr(programme.province, "office", None)
    with translation.override("th"):
        return render_pdf(
            "documents/announcement.html",
            {
                "programme": programme,
                "results": results,
                "checkpoint": chain_head(),
                "office_name": office.name_th
                if office
                else f"สำนักงานพัฒนาชุมชนจังหวัด{programme.province.name_th}",
                "rows": rows,
                "winners": [row for row in rows if row["winner"]],
                "chair": chair,
                "declared_total": thai_digits(points_text(bundle["rubric"]["declared_total"])),
                "public_url": settings.SITE_URL + reverse("results:public", args=[programme.pk]),
            },
        )
