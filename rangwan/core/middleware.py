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
    """Ends a signed-in session after SESSION_IDLE_SECONDS without a request, and in
    any case SESSION_COOKIE_AGE after it began.

    Both times are kept in the session. Saving the session pushes Django's own expiry
    back, so the absolute maximum is checked here from the time the session began; the
    last request's time is written at most once a minute, not on every request. Signing
    in sets both (start_session_clock), so a fresh session costs no extra write.
    """

    started_key = "_rangwan_started"
    seen_key = "_rangwan_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            session = request.session
            started = session.setdefault(self.started_key, now)
            last_seen = session.get(self.seen_key, now)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
            elif now - last_seen >= 60 or self.seen_key not in session:
                session[self.seen_key] = now
        return self.get_response(request)


def start_session_clock(sender, request, user, **kwargs):
    """On sign-in (user_logged_in): the session begins now and was last seen now."""
    now = int(timezone.now().timestamp())
    request.session[IdleSessionMiddleware.started_key] = now
    request.session[IdleSessionMiddleware.seen_key] = now
