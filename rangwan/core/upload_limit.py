"""At most UPLOADS_PER_HOUR uploads (evidence and lesson photos) a user an hour.

Counted from the rows the uploads left, removed evidence included, so the limit holds
across gunicorn workers without a cache or a table of its own. Each app that takes
uploads registers its model (with `uploaded_by` and `created_at` fields) in its
AppConfig.ready(), so this lower module counts them without importing them.
"""

from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import models
from django.shortcuts import render
from django.utils import timezone

_UPLOAD_MODELS: list[type[models.Model]] = []


def register_upload_model(model: type[models.Model]) -> None:
    """Count `model`'s rows towards each user's hourly upload limit."""
    if model not in _UPLOAD_MODELS:
        _UPLOAD_MODELS.append(model)


def uploads_in_last_hour(user) -> int:
    since = timezone.now() - timedelta(hours=1)
    return sum(
        model.objects.filter(uploaded_by=user, created_at__gte=since).count()
        for model in _UPLOAD_MODELS
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
