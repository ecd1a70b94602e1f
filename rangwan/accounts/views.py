from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from rangwan.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


def admin_sign_in(request, extra_context=None):
    """The admin's sign-in page, replaced: nobody has `is_staff`, so Django's form would
    refuse everyone. Rangwan's own sign-in is used, then the admin's rules decide."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = resolve_url("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(target, login_url=resolve_url("accounts:login"))
    if admin.site.has_permission(request):
        return redirect(target)
    # Signed in without the right: sending them to sign in again would go round in a loop.
    raise PermissionDenied
