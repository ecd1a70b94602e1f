from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from rules.contrib.views import objectgetter, permission_required

from rangwan.audit.queries import chain_head
from rangwan.core.feedback import flash
from rangwan.core.paging import page_of
from rangwan.programmes.models import Programme
from rangwan.results import live, services
from rangwan.results.integrity import TamperedResults, checked_bundle
from rangwan.results.models import Results
from rangwan.results.queries import published

get_programme = objectgetter(Programme, "pk")


@require_safe
def public_results(request, pk):
    """No sign-in: the published results, from the checked bundle, with its digest, the
    download of the bundle and the verifier, and the audit record's current checkpoint."""
    programme = get_object_or_404(Programme.objects.select_related("province"), pk=pk)
    shown = published(Results.objects.filter(programme=programme).first())
    if shown is None:
        return render(request, "results/not_published.html", {"programme": programme}, status=404)
    page = page_of(request, shown.ranking)
    return render(
        request,
        "results/public.html",
        {
            "programme": programme,
            "results": shown.results,
            "shown": shown,
            "bundle": shown.bundle,
            "rows": shown.rows(list(page)) if shown.bundle else [],
            "page": page,
            "checkpoint": chain_head(),
        },
    )


@require_safe
def bundle(request, pk):
    """The bundle's bytes exactly as published: `sha256sum` of the file is the digest."""
    results = get_object_or_404(Results.objects.select_related("programme"), programme_id=pk)
    try:
        checked_bundle(results)
    except TamperedResults as error:
        return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(results.bundle.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="rangwan-results-{pk}-{results.digest[:12]}.json"'
    )
    return response


@login_required
@permission_required("judging.view_progress", fn=get_programme, raise_exception=True)
@require_safe
def tally(request, pk):
    """The tally as it stands: means per criterion, totals, ranks, quorum, and the
    advisory spread and leniency columns; publishing and finalising from there. Not
    public until published."""
    programme = get_object_or_404(Programme, pk=pk)
    return render(request, "results/tally.html", live.tally_page(programme, request))


@login_required
@permission_required("results.publish", fn=get_programme, raise_exception=True)
@require_POST
def publish(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    try:
        days = max(0, min(30, int(request.POST.get("objection_days") or 0)))
    except ValueError:
        days = 0
    try:
        services.publish_provisional(programme=programme, actor=request.user, objection_days=days)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("The provisional results are published."))
    return redirect("results:tally", pk=pk)


@login_required
@permission_required("results.finalise", fn=get_programme, raise_exception=True)
@require_POST
def finalise(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    try:
        services.finalise_results(programme=programme, actor=request.user)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("The results are final. Their SHA-256 is on the public page."))
    return redirect("results:tally", pk=pk)


@login_required
@permission_required("results.finalise", fn=get_programme, raise_exception=True)
@require_POST
def tie_vote(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    votes = {}
    for key, value in request.POST.items():
        if key.startswith("votes_") and value.strip():
            try:
                votes[int(key.removeprefix("votes_"))] = max(0, int(value))
            except ValueError:
                messages.error(request, _("Votes are whole numbers."))
                return redirect("results:tally", pk=pk)
    accepted = set(programme.nominations.values_list("pk", flat=True))
    votes = {k: v for k, v in votes.items() if k in accepted}
    try:
        services.record_tie_vote(programme=programme, actor=request.user, votes=votes)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("The committee's vote was recorded."))
    return redirect("results:tally", pk=pk)
