from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import objectgetter, permission_required

from rangwan.core.feedback import attach_to_form, flash, flash_form_errors
from rangwan.core.upload_limit import limit_uploads
from rangwan.documents.responses import document_response
from rangwan.learning import queries, services
from rangwan.learning.forms import CaptionForm, LessonsForm, PhotoForm
from rangwan.learning.models import SECTIONS, LessonPhoto
from rangwan.programmes.models import Programme

get_programme = objectgetter(Programme, "pk")


def _started_write_up(request, pk):
    """The programme's write-up, or None with a message saying it is not started."""
    write_up = queries.write_up_of(get_object_or_404(Programme, pk=pk))
    if write_up is None:
        messages.error(request, _("The lessons learned have not been started yet."))
    return write_up


def _write_up_or_404(programme):
    write_up = queries.write_up_of(programme)
    if write_up is None:
        raise Http404
    return write_up


@login_required
@permission_required("learning.view_lessons", fn=get_programme, raise_exception=True)
@require_GET
def lessons(request, pk):
    """The write-up as it stands: its state, what it lacks, the text and the photos, and
    the way to start, edit, publish and download it."""
    programme = get_object_or_404(Programme, pk=pk)
    write_up = queries.write_up_of(programme)
    return render(
        request,
        "learning/lessons.html",
        {
            "programme": programme,
            "write_up": write_up,
            "winner": queries.final_winner(programme),
            "sections": _sections(write_up) if write_up else [],
            "missing": queries.missing_sections(write_up) if write_up else [],
        },
    )


def _sections(write_up) -> list[tuple[str, str, object]]:
    return [(name, heading, getattr(write_up, name)) for name, heading in SECTIONS]


@login_required
@permission_required("learning.change_lessons", fn=get_programme, raise_exception=True)
@require_POST
def start(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    try:
        services.start_lessons(programme=programme, actor=request.user)
    except ValidationError as error:
        flash(request, error)
        return redirect("learning:lessons", pk=pk)
    messages.success(request, _("The lessons learned were started from the winning dossier."))
    return redirect("learning:edit", pk=pk)


@login_required
@permission_required("learning.change_lessons", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """The structured editor, one section a box; works on a phone."""
    write_up = _started_write_up(request, pk)
    if write_up is None:
        return redirect("learning:lessons", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = LessonsForm(data, instance=write_up, initial={"revision": write_up.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_lessons(
                write_up=write_up,
                actor=request.user,
                revision=form.cleaned_data["revision"],
                **form.changes(),
            )
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The lessons learned were saved."))
            return redirect("learning:edit", pk=pk)
    return render(
        request,
        "learning/edit.html",
        {
            "programme": write_up.programme,
            "write_up": write_up,
            "form": form,
            "photo_form": PhotoForm(),
            "can_edit": not write_up.is_published,
        },
    )


@login_required
@permission_required("learning.change_lessons", fn=get_programme, raise_exception=True)
@require_POST
def autosave(request, pk):
    """The htmx autosave: saves what was typed and answers with the save status."""
    programme = get_object_or_404(Programme, pk=pk)
    write_up = _write_up_or_404(programme)
    form = LessonsForm(request.POST, instance=write_up)
    form.is_valid()
    # A field that did not read cleanly (an emptied title) is left out and reported;
    # the rest is saved.
    problems = [
        f"{form.fields[name].label}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name in form.fields and name != "revision"
    ]
    stale = False
    try:
        write_up = services.save_lessons(
            write_up=write_up,
            actor=request.user,
            revision=form.cleaned_data.get("revision", -1),
            **form.changes(),
        )
    except services.StaleRevision as error:
        stale = True
        problems = error.messages
    except ValidationError as error:
        write_up.refresh_from_db()
        problems += error.messages
    return render(
        request,
        "core/_save_status.html",
        {
            "revision": write_up.revision,
            "problems": problems,
            "stale": stale,
            "saved_at": timezone.now(),
        },
    )


@login_required
@permission_required("learning.change_lessons", fn=get_programme, raise_exception=True)
@require_POST
@limit_uploads
def photo_add(request, pk):
    write_up = _started_write_up(request, pk)
    if write_up is None:
        return redirect("learning:lessons", pk=pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(
                write_up=write_up,
                actor=request.user,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("The photo was added."))
    else:
        flash_form_errors(request, form)
    return redirect(reverse("learning:edit", args=[pk]) + "#photos")


def _photo(programme, photo_pk) -> LessonPhoto:
    return get_object_or_404(
        LessonPhoto.objects.select_related("write_up"),
        write_up__programme=programme,
        pk=photo_pk,
    )


@login_required
@permission_required("learning.change_lessons", fn=get_programme, raise_exception=True)
@require_POST
def photo_caption(request, pk, photo_pk):
    programme = get_object_or_404(Programme, pk=pk)
    photo = _photo(programme, photo_pk)
    form = CaptionForm(request.POST)
    if form.is_valid():
        try:
            services.change_photo_caption(
                photo=photo, actor=request.user, caption=form.cleaned_data["caption"]
            )
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, _("The caption was saved."))
    else:
        messages.error(request, _("A caption may be at most 300 characters long."))
    return redirect(reverse("learning:edit", args=[pk]) + "#photos")


@login_required
@permission_required("learning.change_lessons", fn=get_programme, raise_exception=True)
@require_POST
def photo_remove(request, pk, photo_pk):
    programme = get_object_or_404(Programme, pk=pk)
    photo = _photo(programme, photo_pk)
    try:
        services.remove_photo(photo=photo, actor=request.user)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(request, _("The photo was removed."))
    return redirect(reverse("learning:edit", args=[pk]) + "#photos")


@login_required
@permission_required("learning.view_lessons", fn=get_programme, raise_exception=True)
@require_GET
def photo_file(request, pk, photo_pk, variant):
    """Stream a photo to someone allowed to read the write-up; it has no public URL."""
    if variant not in ("file", "thumb"):
        raise Http404
    programme = get_object_or_404(Programme, pk=pk)
    photo = _photo(programme, photo_pk)
    field = photo.thumbnail if variant == "thumb" else photo.file
    content_type = "image/jpeg" if variant == "thumb" else photo.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@permission_required("learning.publish_lessons", fn=get_programme, raise_exception=True)
@require_POST
def publish(request, pk):
    return _change_publication(
        request,
        pk,
        services.publish_lessons,
        _("The lessons learned were published. Every district can now read them."),
    )


@login_required
@permission_required("learning.publish_lessons", fn=get_programme, raise_exception=True)
@require_POST
def unpublish(request, pk):
    return _change_publication(
        request,
        pk,
        services.unpublish_lessons,
        _("The lessons learned are a draft again and can be edited."),
    )


def _change_publication(request, pk, service, done: str):
    write_up = _started_write_up(request, pk)
    if write_up is not None:
        try:
            service(write_up=write_up, actor=request.user)
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, done)
    return redirect("learning:lessons", pk=pk)


@login_required
@permission_required("learning.view_lessons", fn=get_programme, raise_exception=True)
@require_GET
def booklet_pdf(request, pk):
    from rangwan.documents.lessons import render_lessons_pdf

    write_up = _write_up_or_404(get_object_or_404(Programme, pk=pk))
    return document_response(
        render_lessons_pdf(write_up), f"lessons-{write_up.programme.fiscal_year}.pdf"
    )


@login_required
@permission_required("learning.view_lessons", fn=get_programme, raise_exception=True)
@require_GET
def booklet_docx(request, pk):
    from rangwan.documents.lessons import render_lessons_docx
    from rangwan.documents.word import DOCX_TYPE

    write_up = _write_up_or_404(get_object_or_404(Programme, pk=pk))
    return document_response(
        render_lessons_docx(write_up),
        f"lessons-{write_up.programme.fiscal_year}.docx",
        content_type=DOCX_TYPE,
        inline=False,
    )
