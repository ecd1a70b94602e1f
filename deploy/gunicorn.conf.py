"""Gunicorn's settings for Rangwan: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Each value can be changed through the environment without editing this file.
"""

import multiprocessing
import os

# nginx on the same host talks to this address; several app servers each run one.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: Rangwan's pages are short database reads; documents are the slow part.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
# The report PDF at national scale (880 districts) takes about 40 s to lay out.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Recycle workers now and then, so a slow leak in a document library cannot grow.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host may say which scheme the client used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# The workers' heartbeat files, in memory: a slow disk must not make a worker look hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
