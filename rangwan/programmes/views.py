from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from rules.contrib.views import objectgetter, permission_required

from rangwan.core.feedback import flash
from rangwan.programmes import services
from rangwan.programmes.forms import (
    NewProgrammeForm,
    NewStepForm,
    ProgrammeForm,
    WorkPlanStepForm,
)
from rangwan.programmes.models import Programme, WorkPlanStep
from rangwan.programmes.queries import programmes_for

get_programme = objectgetter(Programme, "pk")


@login_required
@require_safe
def home(request):
    """Send each user to where their work is."""
    user = request.user
    if user.has_perm("nominations.view_district_home"):
        return redirect("nominations:district_home")
    programme = programmes_for(user).first()
    if programme and user.has_perm("programmes.view_dashboard", programme):
        return redirect("reports:dashboard", pk=programme.pk)
    if user.has_perm("programmes.list_programmes"):
        return redirect("programmes:list")
    return render(request, "core/no_role.html", status=403)


@login_required
@permission_required("programmes.list_programmes", raise_exception=True)
@require_safe
def programme_list(request):
    return render(request, "programmes/list.html", {"programmes": programmes_for(request.user)})


@login_required
@permission_required("programmes.add_programme", raise_exception=True)
@require_http_methods(["GET", "POST"])
def programme_create(request):
    form = NewProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The programme was created. Add its work plan, rubric and committee.")
            )
            return redirect("reports:dashboard", pk=programme.pk)
    return render(request, "programmes/edit.html", {"programme": None, "form": form})


@login_required
@permission_required("programmes.change_programme", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(
                programme=Programme.objects.get(pk=pk), actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("reports:dashboard", pk=pk)
    return render(request, "programmes/edit.html", {"programme": programme, "form": form})


@login_required
@permission_required("programmes.change_workplanstep", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def step_edit(request, pk, step_pk):
    step = get_object_or_404(WorkPlanStep, programme_id=pk, pk=step_pk)
    form = WorkPlanStepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            step = services.update_work_plan_step(
                step=WorkPlanStep.objects.get(pk=step.pk), actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                today = timezone.localdate()
                return render(
                    request,
                    "programmes/_step_row.html",
                    {"step": step, "overdue": step.is_overdue(today), "programme": step.programme},
                )
            messages.success(request, _("The work plan step was saved."))
            return redirect("reports:dashboard", pk=pk)
    template = "programmes/_step_form.html" if request.htmx else "programmes/step_edit.html"
    return render(request, template, {"step": step, "form": form, "programme": step.programme})


@login_required
@permission_required("programmes.change_workplanstep", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def step_add(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    form = NewStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_work_plan_step(
                programme=programme, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The step was added to the work plan."))
            return redirect("reports:dashboard", pk=pk)
    return render(request, "programmes/step_add.html", {"programme": programme, "form": form})


@login_required
@permission_required("programmes.change_workplanstep", fn=get_programme, raise_exception=True)
@require_safe
def step_row(request, pk, step_pk):
    """The read-only row, for cancelling an inline edit."""
    step = get_object_or_404(WorkPlanStep, programme_id=pk, pk=step_pk)
    return render(
        request,
        "programmes/_step_row.html",
        {
            "step": step,
            "overdue": step.is_overdue(timezone.localdate()),
            "programme": step.programme,
        },
    )


@login_required
@permission_required("programmes.copy_programme", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def programme_copy(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    if request.method == "POST":
        try:
            copy = services.copy_programme_to_next_year(programme=programme, actor=request.user)
        except ValidationError as error:
            flash(request, error)
            return redirect("programmes:copy", pk=pk)
        messages.success(
            request,
            _("Created the programme for fiscal year %(year)s. Check its dates and districts.")
            % {"year": copy.fiscal_year},
        )
        return redirect("reports:dashboard", pk=copy.pk)
    return render(request, "programmes/copy.html", {"programme": programme})
