from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import objectgetter, permission_required

from rangwan.core.feedback import attach_to_form
from rangwan.documents.responses import document_response
from rangwan.honours import codes, queries, services
from rangwan.honours.forms import RevokeForm, VerifyForm, WordingForm
from rangwan.honours.models import Certificate, CertificateBatch
from rangwan.programmes.models import Programme
from rangwan.results.queries import published_for

get_programme = objectgetter(Programme, "pk")
get_certificate = objectgetter(Certificate, "pk")
get_batch = objectgetter(CertificateBatch, "pk")


def _answer(request, certificate: Certificate | None):
    """The public answer about one code. Unknown and malformed codes get the same page."""
    shown = published_for(certificate.programme, final_only=True) if certificate else None
    response = render(
        request,
        "honours/verify.html",
        {
            "certificate": certificate,
            "form": VerifyForm(),
            "results": shown.results if shown and not shown.tampered else None,
        },
        status=200 if certificate else 404,
    )
    # A certificate names a person: keep the page out of search engines and caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def verify_form(request):
    """No sign-in: type a certificate's number to check it."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    if form.is_valid():
        code = codes.normalise(form.cleaned_data["code"])
        if code:
            return redirect("honours:verify", code=code)
        return _answer(request, None)
    return render(request, "honours/verify_form.html", {"form": form})


@require_GET
def verify(request, code):
    """No sign-in: what the QR code on a certificate opens."""
    normal = codes.normalise(code)
    certificate = (
        Certificate.objects.select_related("programme").filter(code=normal).first()
        if normal
        else None
    )
    return _answer(request, certificate)


@login_required
@permission_required("honours.view_certificates", fn=get_programme, raise_exception=True)
@require_GET
def certificate_list(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    certificates = list(queries.certificates_of(programme))
    return render(
        request,
        "honours/list.html",
        {
            "programme": programme,
            "certificates": certificates,
            "revoked": sum(c.is_revoked for c in certificates),
            "batch": queries.latest_batch(programme),
            "results_final": programme_results_final(programme),
        },
    )


def programme_results_final(programme) -> bool:
    try:
        services.final_results(programme)
    except ValidationError:
        return False
    return True


@login_required
@permission_required("honours.issue_certificates", fn=get_programme, raise_exception=True)
@require_http_methods(["GET", "POST"])
def batch_start(request, pk):
    """Choose the wording, then issue and render every certificate in the background."""
    programme = get_object_or_404(Programme, pk=pk)
    initial = queries.last_wording(programme) or services.default_wording(programme)
    form = WordingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_certificate_batch(
                programme=programme, actor=request.user, wording=form.cleaned_data
            )
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            messages.success(
                request, _("The certificates are being issued and rendered in the background.")
            )
            return redirect("honours:list", pk=pk)
    return render(
        request,
        "honours/batch_start.html",
        {
            "programme": programme,
            "form": form,
            "results_final": programme_results_final(programme),
        },
    )


@login_required
@permission_required("honours.view_batch", fn=get_batch, raise_exception=True)
@require_GET
def batch_status(request, pk):
    """The batch's progress: an htmx fragment that polls itself while the batch runs."""
    batch = get_object_or_404(CertificateBatch.objects.select_related("programme"), pk=pk)
    template = "honours/_batch.html" if request.htmx else "honours/batch.html"
    response = render(request, template, {"batch": batch, "programme": batch.programme})
    if request.htmx and not batch.is_active:
        # Finished while the page polled: reload it, so the list shows what was issued.
        response["HX-Refresh"] = "true"
    return response


@login_required
@permission_required("honours.download_batch", fn=get_batch, raise_exception=True)
@require_GET
def batch_zip(request, pk):
    """The zip, streamed from the private storage to the secretariat only."""
    batch = get_object_or_404(CertificateBatch, pk=pk)
    if not batch.file:
        raise Http404
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=f"certificates-{batch.programme.fiscal_year}-{batch.pk}.zip",
        content_type="application/zip",
    )


@login_required
@permission_required("honours.view_certificate_pdf", fn=get_certificate, raise_exception=True)
@require_GET
def certificate_pdf(request, pk):
    from rangwan.documents.certificates import render_certificate_pdf

    certificate = get_object_or_404(Certificate, pk=pk)
    return document_response(
        render_certificate_pdf(certificate), f"certificate-{certificate.code}.pdf"
    )


@login_required
@permission_required("honours.revoke_certificate", fn=get_certificate, raise_exception=True)
@require_http_methods(["GET", "POST"])
def revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("programme"), pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_certificate(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            attach_to_form(form, error)
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("honours:list", pk=certificate.programme_id)
    return render(
        request,
        "honours/revoke.html",
        {"certificate": certificate, "programme": certificate.programme, "form": form},
    )
