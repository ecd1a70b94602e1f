from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from rules.contrib.views import permission_required

from rangwan.nominations.queries import district_overview


@login_required
@permission_required("nominations.view_district_home", raise_exception=True)
def district_home(request):
    """A district user's home: their district's state in each programme and what to do next."""
    today = timezone.localdate()
    return render(
        request,
        "nominations/district_home.html",
        {
            "district": request.user.district,
            "rows": district_overview(request.user.district, today),
            "today": today,
        },
    )
