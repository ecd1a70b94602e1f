from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Thai unless the user chose otherwise with the language switch.

    Django's own middleware follows the browser's Accept-Language, which would show an
    English page to a Thai officer whose browser happens to be set to English.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class IdleSessionMiddleware:
    """Ends a signed-in session after SESSION_IDLE_SECONDS without a request.

    The session's own expiry (SESSION_COOKIE_AGE from sign-in) stays the absolute
    maximum: the last request's time is kept in the session, which is not saved again
    on every request, so the cookie's age is not pushed back.
    """

    key = "_rangwan_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            last_seen = request.session.get(self.key, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
            else:
                request.session[self.key] = now
        return self.get_response(request)
