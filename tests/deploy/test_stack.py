"""The production stack as docs/DEPLOY.md sets it up, on this machine: nginx with
deploy/nginx/*.conf in front of gunicorn with deploy/gunicorn.conf.py, the worker, the
environment of deploy/rangwan.env.example (DEBUG off), PostgreSQL, and files in an
S3-compatible object store (moto's server, spoken to over HTTP like MinIO or AWS S3).

A user's requests go through nginx over TLS; the test then checks what landed where.
"""

import html.parser
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from tests.subprocesses import ROOT, manage

pytestmark = pytest.mark.stack

HOST = "rangwan.example.go.th"
DEMO_PASSWORD = "rangwan-demo-2568"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}: {process.args}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port} after {seconds} s: {process.args}")


def env_file(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines())
    return {key: value for key, value in (p for p in pairs if len(p) == 2) if key[0] != "#"}


def substitute(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        assert old in text, f"the config no longer has {old!r}: update this test"
        text = text.replace(old, new)
    return text


class FormFields(html.parser.HTMLParser):
    """The named fields of the form posting to `action`, with their values."""

    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields, self._textarea = action, False, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") in (self.action, "", None)
        elif self.inside and tag in {"input", "select"} and attrs.get("name"):
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea":
            self._textarea = attrs.get("name")
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(page: str, action: str) -> dict[str, str]:
    parser = FormFields(action)
    parser.feed(page)
    return parser.fields


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    import boto3
    import psycopg
    import requests
    from moto.server import ThreadedMotoServer

    work = tmp_path_factory.mktemp("stack")
    processes: list[subprocess.Popen] = []
    database = f"rangwan_stack_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{database}"')
    s3_server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    s3_server.start()
    try:
        endpoint = "http://{}:{}".format(*s3_server.get_host_and_port())
        # Two app servers, each with a disk of its own: scaled out as DEPLOY.md says.
        app_ports = [free_port(), free_port()]
        http_port, https_port = free_port(), free_port()

        # The environment file an operator fills in, with this machine's addresses.
        # Nothing from the test run's own environment but the basics.
        env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
        env |= env_file(ROOT / "deploy/rangwan.env.example")
        env |= {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "S3_ENDPOINT_URL": endpoint,
            "S3_ACCESS_KEY_ID": "stack",
            "S3_SECRET_ACCESS_KEY": "stack-secret",
            "RANGWAN_VAR_DIR": str(work / "var"),
            "STATIC_ROOT": str(work / "static"),
            "SITE_URL": f"https://{HOST}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": "1",  # nothing is mailed on this journey
            "GUNICORN_WORKERS": "1",
        }
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=env["S3_REGION"],
            aws_access_key_id="stack",
            aws_secret_access_key="stack-secret",
        )
        s3.create_bucket(Bucket=env["S3_BUCKET"])

        for args in (
            ("migrate", "--noinput", "-v0"),
            ("collectstatic", "--noinput", "-v0"),
            ("check", "--deploy", "--fail-level", "WARNING"),
            ("load_demo", "--judged"),
        ):
            done = manage(*args, env=env)
            assert done.returncode == 0, (args, done.stdout, done.stderr)

        gunicorn = Path(sys.executable).with_name("gunicorn")
        servers = []
        for number, port in enumerate(app_ports, start=1):
            server_env = env | {
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "RANGWAN_VAR_DIR": str(work / f"var-{number}"),
            }
            servers.append(
                subprocess.Popen(  # noqa: S603 (our own programs, fixed arguments)
                    [gunicorn, "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
                    cwd=ROOT,
                    env=server_env,
                    stdout=(work / f"access-{number}.log").open("w"),
                    stderr=(work / f"gunicorn-{number}.log").open("w"),
                )
            )
        processes.extend(servers)
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(work / "worker.log").open("w"),
            )
        )

        subprocess.run(  # noqa: S603
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
                *("-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1"),
                *("-keyout", work / "tls.key", "-out", work / "tls.crt"),
            ],
            check=True,
            capture_output=True,
        )
        nginx_dir = ROOT / "deploy/nginx"
        site = substitute(
            (nginx_dir / "rangwan.conf").read_text(),
            {
                "server 127.0.0.1:8000": (
                    f"server 127.0.0.1:{app_ports[0]} fail_timeout=0;\n"
                    f"    server 127.0.0.1:{app_ports[1]}"
                ),
                "    listen [::]:80;\n": "",
                "    listen [::]:443 ssl http2;\n": "",
                "listen 80;": f"listen 127.0.0.1:{http_port};",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
                "/etc/ssl/certs/rangwan.crt": str(work / "tls.crt"),
                "/etc/ssl/private/rangwan.key": str(work / "tls.key"),
                "/etc/nginx/snippets/rangwan-locations.conf": str(
                    nginx_dir / "rangwan-locations.conf"
                ),
            },
        )
        (work / "site.conf").write_text(site)
        temp = "".join(
            f"{kind}_temp_path {work}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (work / "nginx.conf").write_text(
            f"daemon off;\nuser root;\npid {work}/nginx.pid;\nerror_log {work}/nginx.log;\n"
            "events {}\n"
            f"http {{\ninclude /etc/nginx/mime.types;\naccess_log {work}/access.log;\n{temp}"
            f"include {work}/site.conf;\n}}\n"
        )
        nginx = subprocess.Popen(  # noqa: S603
            [NGINX, "-c", work / "nginx.conf", "-e", work / "nginx.log"],
            stderr=subprocess.PIPE,
        )
        processes.append(nginx)
        for port, server in zip(app_ports, servers, strict=True):
            wait_for_port(port, server)
        wait_for_port(https_port, nginx)

        class Stack:
            pass

        stack = Stack()
        stack.env, stack.s3, stack.work = env, s3, work
        stack.database = psycopg.connect(
            env["DATABASE_URL"].replace("postgres://", "postgresql://")
        )
        stack.database.autocommit = True
        stack.https = f"https://127.0.0.1:{https_port}"
        stack.http = f"http://127.0.0.1:{http_port}"

        def session():
            client = requests.Session()
            client.trust_env = False  # no proxy or CA bundle from the environment
            client.verify = str(work / "tls.crt")  # the throwaway certificate made above
            client.headers.update({"Host": HOST, "Referer": f"https://{HOST}/"})
            return client

        stack.session = session
        yield stack
        stack.database.close()
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        s3_server.stop()
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.close()


def sign_in(stack, username: str):
    client = stack.session()
    page = client.get(f"{stack.https}/accounts/login/")
    assert page.status_code == 200
    fields = form_fields(page.text, "")
    fields |= {"username": username, "password": DEMO_PASSWORD}
    done = client.post(f"{stack.https}/accounts/login/", data=fields, allow_redirects=False)
    assert done.status_code == 302, done.text[:500]
    return client


def test_plain_http_is_sent_to_https(stack):
    answer = stack.session().get(f"{stack.http}/results/", allow_redirects=False)
    assert answer.status_code == 301
    assert answer.headers["Location"] == f"https://{HOST}/results/"


def test_pages_carry_the_production_headers_and_secure_cookies(stack):
    answer = stack.session().get(f"{stack.https}/accounts/login/")
    assert answer.status_code == 200
    assert "เข้าสู่ระบบ" in answer.text
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["X-Frame-Options"] == "DENY"
    csrf = next(cookie for cookie in answer.cookies if cookie.name == "csrftoken")
    assert csrf.secure


def test_static_files_are_served_hashed_compressed_and_cached_for_good(stack):
    page = stack.session().get(f"{stack.https}/accounts/login/").text
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1)
    answer = stack.session().get(
        f"{stack.https}{stylesheet}", headers={"Accept-Encoding": "gzip"}, stream=True
    )
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    assert "immutable" in answer.headers["Cache-Control"]


def test_an_error_page_is_the_plain_one_never_a_traceback(stack):
    answer = stack.session().get(f"{stack.https}/no-such-page/")
    assert answer.status_code == 404
    assert "Traceback" not in answer.text
    assert "DEBUG" not in answer.text


def test_evidence_lives_in_the_bucket_and_is_streamed_only_to_who_may_see_it(stack):
    pk, name = stack.database.execute(
        "select id, file from nominations_evidence order by id limit 1"
    ).fetchone()
    stored = stack.s3.get_object(Bucket=stack.env["S3_BUCKET"], Key=f"evidence/{name}")
    url = stack.https + reverse("nominations:evidence_file", args=[pk, "file"])

    anonymous = stack.session().get(url, allow_redirects=False)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous.headers["Location"]

    secretariat = sign_in(stack, "secretariat").get(url)
    assert secretariat.status_code == 200
    assert secretariat.content == stored["Body"].read()
    # Nothing was kept on the app servers' disks.
    assert not [path for path in stack.work.glob("var*/**/*") if path.is_file()]


def test_certificates_are_made_by_the_worker_into_the_bucket(stack):
    client = sign_in(stack, "secretariat")
    programme = stack.database.execute("select id from programmes_programme").fetchone()[0]
    start = stack.https + reverse("honours:batch_start", args=[programme])
    fields = form_fields(client.get(start).text, reverse("honours:batch_start", args=[programme]))
    assert client.post(start, data=fields, allow_redirects=False).status_code == 302

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        row = stack.database.execute(
            "select id, status, file from honours_certificatebatch order by id desc limit 1"
        ).fetchone()
        if row and row[1] not in {"queued", "running"}:
            break
        time.sleep(1)
    batch, status, name = row
    assert status == "done", (stack.work / "worker.log").read_text()[-2000:]
    listed = stack.s3.list_objects_v2(Bucket=stack.env["S3_BUCKET"], Prefix="generated/")
    assert f"generated/{name}" in {item["Key"] for item in listed["Contents"]}

    download = client.get(stack.https + reverse("honours:batch_zip", args=[batch]))
    assert download.status_code == 200
    assert download.content[:2] == b"PK"
    assert (
        stack.session()
        .get(stack.https + reverse("honours:batch_zip", args=[batch]), allow_redirects=False)
        .status_code
        == 302
    )


def test_sign_in_lockout_counts_the_client_address_nginx_passes(stack):
    # nginx overwrites X-Forwarded-For, so a forged header cannot pose as someone else.
    client = stack.session()
    page = client.get(f"{stack.https}/accounts/login/")
    fields = form_fields(page.text, "") | {"username": "viewer", "password": "wrong"}
    client.post(
        f"{stack.https}/accounts/login/",
        data=fields,
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    address = stack.database.execute(
        "select ip_address from axes_accessattempt where username = 'viewer'"
    ).fetchone()
    assert str(address[0]) == "127.0.0.1"


def test_the_api_answers_through_nginx_with_a_token_made_on_the_server(stack):
    made = manage(
        *("create_api_token", "--user", "viewer", "--name", "dashboard"),
        *("--actor", "secretariat"),
        env=stack.env,
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    programme = stack.database.execute("select id from programmes_programme").fetchone()[0]
    client = stack.session()
    url = f"{stack.https}/api/v1/programmes/{programme}/districts"

    assert client.get(url).status_code == 401
    answer = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert len(answer.json()["districts"]) == 11
    results = client.get(f"{stack.https}/api/v1/programmes/{programme}/results").json()
    digest = stack.database.execute(
        "select digest from results_results where status = 'final'"
    ).fetchone()
    assert (results["status"], results["sha256"]) == ("final", digest[0])


def test_two_app_servers_answer_one_signed_in_user_in_turn(stack):
    # Nothing of a session is kept on an app server: nginx sends the requests of one
    # signed-in user to both, and each recognises them.
    client = sign_in(stack, "secretariat")
    programme = stack.database.execute("select id from programmes_programme").fetchone()[0]
    dashboard = reverse("reports:dashboard", args=[programme])
    answers = [client.get(stack.https + dashboard, allow_redirects=False) for _ in range(8)]
    assert [answer.status_code for answer in answers] == [200] * 8
    for number in (1, 2):
        served = (stack.work / f"access-{number}.log").read_text()
        assert f"GET {dashboard} " in served, f"app server {number} answered nothing"
