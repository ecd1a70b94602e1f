import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from rangwan.programmes.models import Programme


def programmes_for(user) -> QuerySet[Programme]:
    """The programmes a user takes part in: all for the secretariat, viewers and the
    committee; for district users, those their district takes part in."""
    qs = Programme.objects.select_related("province")
    if user.district_id:
        return qs.filter(districts=user.district_id)
    return qs


@dataclass(frozen=True)
class DocumentsOverview:
    """Where each of the programme's documents stands, for the dashboard."""

    letter_sent_at: dt.datetime | None
    results_final: bool
    certificates: int
    certificates_revoked: int
    lessons_status: str | None  # a LessonStatus value, None before the write-up starts


def documents_overview(programme: Programme) -> DocumentsOverview:
    from rangwan.documents.models import LetterDispatch
    from rangwan.results.enums import ResultStatus
    from rangwan.results.models import Results

    certificates = programme.certificates.aggregate(
        all=Count("pk"), revoked=Count("pk", filter=Q(revoked_at__isnull=False))
    )
    return DocumentsOverview(
        letter_sent_at=LetterDispatch.objects.filter(letter__programme=programme)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first(),
        results_final=Results.objects.filter(
            programme=programme, status=ResultStatus.FINAL
        ).exists(),
        certificates=certificates["all"],
        certificates_revoked=certificates["revoked"],
        lessons_status=programme.lessons.values_list("status", flat=True).first(),
    )
