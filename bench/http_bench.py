"""Latency, size and SQL query count of the busiest pages at national scale.

For one database and one N:
  1. a fresh database (SQLite in a throwaway folder, or the PostgreSQL database named
     by --pg, dropped and created) filled by bench/generate.py;
  2. query counts: each page once through Django's test client inside
     CaptureQueriesContext (after one warm-up request);
  3. latency: gunicorn with 2 sync workers on 127.0.0.1, DEBUG off; each page requested
     REPEAT times one after another (after 2 warm-ups), median and p95 of the wall time
     from request to the last byte; size of the body.

Usage (from the repository root):
    python bench/http_bench.py N [--pg DBNAME] [--repeat 20]
    python bench/http_bench.py N --existing [--pg DBNAME]   # measure a database built
        before (SQLite: the folder in RANGWAN_VAR_DIR) instead of generating one
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def pages(programme, nomination, seat_user):
    """(label, url name, kwargs, username)"""
    from django.urls import reverse

    p = programme.pk
    return [
        ("dashboard", reverse("reports:dashboard", args=[p]), "secretariat"),
        ("screening list", reverse("nominations:screening", args=[p]), "secretariat"),
        (
            "score sheet (judge)",
            reverse("judging:sheet", args=[p, nomination.pk]),
            seat_user,
        ),
        ("progress board", reverse("judging:progress", args=[p]), "secretariat"),
        ("tally / results", reverse("results:tally", args=[p]), "secretariat"),
        ("public results", reverse("results:public", args=[p]), None),
        ("nominations.csv", reverse("reports:nominations_csv", args=[p]), "secretariat"),
        ("scores.csv", reverse("reports:scores_csv", args=[p]), "secretariat"),
        ("data.xlsx", reverse("reports:exports_xlsx", args=[p]), "secretariat"),
        ("report.pdf", reverse("reports:report_pdf", args=[p]), "secretariat"),
        ("report.docx", reverse("reports:report_docx", args=[p]), "secretariat"),
        ("report.xlsx", reverse("reports:report_xlsx", args=[p]), "secretariat"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--pg", help="PostgreSQL database name (dropped and re-created)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--existing", action="store_true", help="use the database as it is")
    parser.add_argument("--only", nargs="*", help="pages whose label contains one of these")
    args = parser.parse_args()

    var_dir = (
        os.environ["RANGWAN_VAR_DIR"]
        if args.existing and "RANGWAN_VAR_DIR" in os.environ
        else tempfile.mkdtemp(prefix="rangwan-httpbench-")
    )
    sys.path.insert(0, str(ROOT / "bench"))
    from harness import gunicorn, setup_database

    env = setup_database(var_dir, args.pg, fresh=not args.existing)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from generate import generate

    if args.existing:
        from rangwan.programmes.models import Programme

        programme = Programme.objects.get(fiscal_year=2568)
    else:
        t0 = time.perf_counter()
        programme = generate(args.n)
        print(f"generated N={args.n} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    from rangwan.accounts.models import User
    from rangwan.judging.models import CommitteeSeat

    seat = CommitteeSeat.objects.filter(programme=programme, role="member").first()
    nomination = programme.nominations.order_by("pk").last()
    rows = pages(programme, nomination, seat.user.username)
    if args.only:
        rows = [row for row in rows if any(part in row[0] for part in args.only)]

    setup_test_environment()
    clients, cookies = {}, {}
    for _label, _url, who in rows:
        if who and who not in clients:
            client = Client()
            client.force_login(User.objects.get(username=who))
            clients[who] = client
            cookies[who] = client.cookies["sessionid"].value
    counts = {}
    for label, url, who in rows:
        client = clients.get(who) or Client()
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(ctx.captured_queries)
        print(f"queries {label}: {counts[label]}", file=sys.stderr, flush=True)

    with gunicorn(env, args.port):
        results = []
        for label, url, who in rows:
            headers = {"Cookie": f"sessionid={cookies[who]}"} if who else {}
            times, size = [], 0
            for i in range(args.repeat + 2):
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
                t0 = time.perf_counter()
                conn.request("GET", url, headers=headers)
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - t0
                conn.close()
                assert response.status == 200, (label, response.status)
                size = len(body)
                if i >= 2:
                    times.append(elapsed)
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            results.append((label, statistics.median(times), p95, size, counts[label]))
            print(f"{label}: median {1000 * results[-1][1]:.0f} ms", file=sys.stderr, flush=True)
    db = "PostgreSQL" if args.pg else "SQLite"
    load = os.getloadavg()
    print(
        f"\n{db}, N = {args.n}, {args.repeat} requests each, "
        f"nproc {os.cpu_count()}, load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    print("| page | median ms | p95 ms | size kB | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, median, p95, size, count in results:
        print(f"| {label} | {1000 * median:.0f} | {1000 * p95:.0f} | {size / 1000:.1f} | {count} |")


if __name__ == "__main__":
    main()
