"""At most UPLOADS_PER_HOUR uploads (evidence and lesson photos) a user an hour.

Counted from the rows the uploads left, removed evidence included, so the limit holds
across gunicorn workers without a cache or a table of its own.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def uploads_in_last_hour(user) -> int:
    from rangwan.learning.models import LessonPhoto
    from rangwan.nominations.models import Evidence

    since = timezone.now() - timedelta(hours=1)
    return (
        Evidence.objects.filter(uploaded_by=user, created_at__gte=since).count()
        + LessonPhoto.objects.filter(uploaded_by=user, created_at__gte=since).count()
    )


def limit_uploads(view):
    @wraps(view)
    def limited(request, *args, **kwargs):
        if uploads_in_last_hour(request.user) >= settings.UPLOADS_PER_HOUR:
            return render(
                request,
                "core/too_many_uploads.html",
                {"per_hour": settings.UPLOADS_PER_HOUR},
                status=429,
            )
        return view(request, *args, **kwargs)

    return limited
