"""What the HTTP benchmarks share: a database to measure (SQLite in a folder, or a
PostgreSQL database), Django set up on it, and gunicorn serving it on loopback."""

from __future__ import annotations

import contextlib
import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_database(var_dir: str, pg: str | None, *, fresh: bool = True) -> dict[str, str]:
    """Point this process at the database (PostgreSQL `pg` is dropped and created when
    `fresh`), set Django up and migrate. Returns the environment for a server."""
    env = dict(os.environ, RANGWAN_VAR_DIR=var_dir, SECRET_KEY="bench-only-not-secret")
    env.pop("DATABASE_URL", None)
    if pg:
        if fresh:
            for sql in (f'DROP DATABASE IF EXISTS "{pg}"', f'CREATE DATABASE "{pg}"'):
                subprocess.run(
                    ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
                    check=True,
                )
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg}"
    os.environ.update(env)
    if not pg:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = 2, log=None):
    """gunicorn with `workers` sync workers on 127.0.0.1:`port`, DEBUG off, until the
    block ends."""
    server_env = dict(
        env,
        DEBUG="False",
        SECURE_COOKIES="False",
        SECURE_SSL_REDIRECT="False",
        STATIC_MANIFEST="False",
    )
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", str(workers)]
    command += ["-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=server_env, stdout=log, stderr=log)
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
                break
            except OSError:
                time.sleep(0.2)
        yield server
    finally:
        server.terminate()
        server.wait()
