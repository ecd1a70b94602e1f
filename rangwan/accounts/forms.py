from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not right. Check them and try again; "
            "after %(limit)s failed tries the account is locked for a while."
        ),
        "inactive": _("This account has been switched off. Ask the secretariat."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        from django.conf import settings
        from django.core.exceptions import ValidationError

        return ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )
