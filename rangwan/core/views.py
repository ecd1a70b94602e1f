from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from rangwan.programmes.queries import programmes_for


@login_required
@require_safe
def home(request):
    """Send each user to where their work is."""
    user = request.user
    if user.has_perm("nominations.view_district_home"):
        return redirect("nominations:district_home")
    programme = programmes_for(user).first()
    if programme and user.has_perm("programmes.view_dashboard", programme):
        return redirect("programmes:dashboard", pk=programme.pk)
    if user.has_perm("programmes.list_programmes"):
        return redirect("programmes:list")
    return render(request, "core/no_role.html", status=403)


@require_safe
def privacy(request):
    """The privacy notice (PDPA): public, in Thai with English."""
    return render(
        request,
        "core/privacy.html",
        {"retention_years": settings.PERSONAL_DATA_RETENTION_YEARS},
    )
