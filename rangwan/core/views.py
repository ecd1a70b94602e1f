from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def privacy(request):
    """The privacy notice (PDPA): public, in Thai with English."""
    return render(
        request,
        "core/privacy.html",
        {"retention_years": settings.PERSONAL_DATA_RETENTION_YEARS},
    )
