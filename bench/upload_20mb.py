"""Upload a 20 MB photo to a real Rangwan server and report time and peak memory.

What it does, all on loopback and in a throwaway folder:
  1. a fresh SQLite database with the demo programme, one district reopened and its
     pair registered;
  2. gunicorn with one sync worker (the production server);
  3. a photo of random noise (so JPEG cannot shrink it) just under 20 MB;
  4. signs in as that district's staff and uploads it RUNS times, timing each request
     and reading the worker's peak resident memory (VmHWM) from /proc.

Usage (from the repository root):  .venv/bin/python bench/upload_20mb.py [RUNS]
"""

from __future__ import annotations

import http.cookiejar
import io
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
TARGET_BYTES = 19_500_000


def noise_jpeg(target: int) -> bytes:
    from PIL import Image

    width, height = 4000, 3000
    while True:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=95)
        data = out.getvalue()
        if len(data) >= target * 0.9 or width > 8000:
            return data[:target] if len(data) > target else data
        width, height = int(width * 1.15), int(height * 1.15)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def vm_hwm_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


SETUP = """
import datetime as dt
from rangwan.seed.demo import load_demo
from rangwan.programmes.models import Programme
from rangwan.accounts.models import User
from rangwan.directory.models import NetworkKind, OfficerKind
from rangwan.nominations.services import grant_extension, register_pair
load_demo()
programme = Programme.objects.get()
district = programme.districts.get(code="2402")
secretariat = User.objects.get(username="secretariat")
staff = User.objects.get(username="staff.bangkhla")
for kind in ("name_notification", "dossier"):
    grant_extension(programme=programme, district=district, kind=kind,
                    until=dt.date.today() + dt.timedelta(days=30), reason="bench",
                    actor=secretariat)
n = register_pair(
    programme=programme, district=district, actor=staff,
    officer={"title": "นาย", "first_name": "ทดสอบ", "last_name": "ภาระ", "position": "x"},
    officer_kind=OfficerKind.objects.first(),
    member={"title": "นาง", "first_name": "ทดสอบ", "last_name": "ภาระ", "position": "y"},
    network_kind=NetworkKind.objects.first(), network_name="x", member_role="y")
print(n.pk)
"""


def main(runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="rangwan-bench-"))
    env = {
        **os.environ,
        "RANGWAN_VAR_DIR": str(work),
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "SECURE_COOKIES": "False",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_MANIFEST": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DATABASE_URL", None)
    run = lambda *args: subprocess.run(  # noqa: E731
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    run("migrate", "--noinput")
    nomination = run("shell", "-c", SETUP).stdout.strip().splitlines()[-1]
    photo = noise_jpeg(TARGET_BYTES)
    port = free_port()
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "config.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + "/accounts/login/")
        token = next(c.value for c in jar if c.name == "csrftoken")
        login = urllib.parse.urlencode(
            {
                "username": "staff.bangkhla",
                "password": "rangwan-demo-2568",
                "csrfmiddlewaretoken": token,
            }
        ).encode()
        opener.open(
            urllib.request.Request(
                base + "/accounts/login/",
                data=login,
                headers={"Referer": base + "/accounts/login/"},
            )
        )
        opener.open(f"{base}/nominations/{nomination}/dossier/").read()
        token = next(c.value for c in jar if c.name == "csrftoken")  # rotated at sign-in
        worker = worker_pid(server.pid)
        baseline = vm_hwm_kb(worker)
        times, peaks = [], []
        for n in range(runs):
            boundary = "----rangwan" + secrets.token_hex(8)
            parts = [
                (
                    f"--{boundary}\r\n"
                    f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                ).encode()
                for name, value in (
                    ("csrfmiddlewaretoken", token),
                    ("section", "joint_work"),
                    ("caption", f"bench {n}"),
                )
            ]
            body = (
                b"".join(parts)
                + (
                    f"--{boundary}\r\n"
                    'Content-Disposition: form-data; name="file"; filename="big.jpg"\r\n'
                    "Content-Type: image/jpeg\r\n\r\n"
                ).encode()
                + photo
                + f"\r\n--{boundary}--\r\n".encode()
            )
            request = urllib.request.Request(
                f"{base}/nominations/{nomination}/evidence/",
                data=body,
                headers={
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "Referer": base + "/",
                },
            )
            started = time.perf_counter()
            page = opener.open(request).read().decode()
            times.append(time.perf_counter() - started)
            peaks.append(vm_hwm_kb(worker))
            assert "เพิ่มไฟล์แล้ว" in page, "upload was refused"
        stored = sum(f.stat().st_size for f in (work / "evidence").rglob("*") if f.is_file())
        print(
            f"photo: {len(photo) / 1e6:.1f} MB random-noise JPEG, {runs} uploads, "
            "1 gunicorn sync worker"
        )
        print(
            f"time per upload: median {statistics.median(times):.2f} s, "
            f"min {min(times):.2f} s, max {max(times):.2f} s"
        )
        print(
            f"worker peak RSS: {baseline / 1024:.0f} MB before, {max(peaks) / 1024:.0f} MB after "
            f"(+{(max(peaks) - baseline) / 1024:.0f} MB)"
        )
        print(
            f"stored after re-encoding: {stored / 1e6 / runs:.1f} MB per upload (photo + thumbnail)"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
