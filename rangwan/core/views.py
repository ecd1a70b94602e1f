from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from rangwan.programmes.queries import programmes_for


@login_required
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


def server_error(request):
    """The 500 page, or the 503 page when the error is the database being unreachable.
    Rendered without the request's context: the context processors would ask the
    database (the user, messages) and fail again."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
