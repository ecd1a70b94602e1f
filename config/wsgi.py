import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The application server is production: DEBUG is off unless asked for, so a forgotten
# variable fails closed (no tracebacks, and the start refuses without a SECRET_KEY).
# manage.py (runserver, tests, commands) keeps the development default.
os.environ.setdefault("DEBUG", "False")
application = get_wsgi_application()
