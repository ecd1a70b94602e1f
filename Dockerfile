# Rangwan's application image: the web app (gunicorn), the worker and one-off commands.
#   docker build -t rangwan .
FROM python:3.11-slim-bookworm

# WeasyPrint's libraries (Pango and HarfBuzz shape Thai); fonts come from the
# fontpkg-sarabun package, so no font packages are needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        libharfbuzz-subset0 libjpeg62-turbo libopenjp2-7 shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    RANGWAN_VAR_DIR=/srv/rangwan/var \
    GUNICORN_BIND=0.0.0.0:8000 \
    GUNICORN_FORWARDED_ALLOW_IPS=*

WORKDIR /srv/rangwan
RUN useradd --system --home-dir /srv/rangwan --shell /usr/sbin/nologin rangwan

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -m venv .venv \
    && mkdir -p rangwan config \
    && touch rangwan/__init__.py config/__init__.py \
    && .venv/bin/pip install --no-cache-dir --disable-pip-version-check . \
    && .venv/bin/pip uninstall -y rangwan
COPY . .
RUN .venv/bin/pip install --no-cache-dir --disable-pip-version-check --no-deps -e . \
    && DEBUG=False SECRET_KEY=build-only-not-used-at-run-time \
       .venv/bin/python manage.py collectstatic --noinput \
    && mkdir -p var && chown rangwan:rangwan var

ENV PATH=/srv/rangwan/.venv/bin:$PATH
USER rangwan
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"]
