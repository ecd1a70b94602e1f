"""ประกาศผลการคัดเลือก: the results announcement, made from the frozen final results
only, with their SHA-256 and the public page where anyone can check them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from rangwan.core.thai import thai_digits
from rangwan.documents.pdf import render_pdf


def render_announcement_pdf(results) -> bytes:
    if not results.is_final:
        raise ValueError("The announcement is made from final results only.")
    snapshot = results.snapshot
    programme = results.programme
    chair = next((s for s in snapshot["committee"] if s["role"] == "chair"), None)
    ranking = sorted(snapshot["ranking"], key=lambda r: r["rank"])
    rows = [
        {
            **row,
            "rank_th": thai_digits(row["rank"]),
            "total_th": thai_digits(row["total_rounded"]),
            "winner": row["rank"] == 1,
        }
        for row in ranking
    ]
    office = getattr(programme.province, "office", None)
    with translation.override("th"):
        return render_pdf(
            "documents/announcement.html",
            {
                "programme": programme,
                "results": results,
                "snapshot": snapshot,
                "office_name": office.name_th
                if office
                else f"สำนักงานพัฒนาชุมชนจังหวัด{programme.province.name_th}",
                "rows": rows,
                "winners": [row for row in rows if row["winner"]],
                "chair": chair,
                "declared_total": thai_digits(snapshot["declared_total"].rstrip("0").rstrip(".")),
                "public_url": settings.SITE_URL + reverse("results:public", args=[programme.pk]),
            },
        )
