from django.contrib.auth import views as auth_views

from rangwan.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()
