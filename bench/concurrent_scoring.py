"""Committee members saving score sheets at the same moment, over HTTP.

For one database and one N:
  1. a fresh database (SQLite in a throwaway folder, or the PostgreSQL database named
     by --pg, dropped and created) filled by bench/generate.py with judging still open:
     every member declared no conflict and holds an empty draft sheet for every dossier;
  2. gunicorn with 2 sync workers on 127.0.0.1, DEBUG off (as http_bench.py starts it);
  3. for each client count in --clients (default 1, 9, then 50): that many HTTP sessions,
     each a committee member signed in (force_login; the 9 members in turn, so at 50 a
     member has 5 or 6 sessions) and each on its own dossier, so no two clients share a
     sheet. Every client is one thread, released together; so exactly that many clients
     are in flight. Each client GETs its sheet (CSRF token and version from the form),
     then SAVES times: POST a draft with valid scores and a remark naming the save, check
     the answer is the redirect back to the sheet, GET it and check it says the draft was
     saved and shows the version one higher (that GET is the next save's form);
  4. after each run: every client's last scores are in the database, each save left its
     one audit entry (the remark names it), the audit chain verifies
     (`manage.py verify_audit`) and grew by exactly the number of saves; the server's
     log is searched for tracebacks and "database is locked"; on PostgreSQL a sampler
     counts, every 50 ms, the backends waiting on a lock during the run;
  5. last, one save at a time in this process on sheets no run used: how long a save
     holds the audit chain's head (PostgreSQL) or the write lock (SQLite), which caps
     how many saves a second the database can take whatever the number of workers.

Latency is the wall time of the save POST, request to last byte, so it includes the
time the request waits in gunicorn's queue for a free worker: with 2 sync workers at
most 2 saves are in the database at once, whatever the number of clients.

Usage (from the repository root):
    python bench/concurrent_scoring.py N [--pg DBNAME] [--clients 1,9,50] [--saves 20]
                                         [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')


@dataclass
class Client:
    """One browser: its cookies, its member, its sheet."""

    index: int
    username: str
    url: str
    sheet_pk: int
    criteria: dict[int, tuple[Decimal, Decimal]]  # criterion pk: (max, step)
    cookies: dict[str, str]
    saves: list[float] = field(default_factory=list)  # POST latencies, seconds
    errors: Counter = field(default_factory=Counter)
    stale: int = 0
    last_posted: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)  # the remark of each successful save


def _request(port: int, method: str, client: Client, url: str, body: dict | None = None):
    """(status, headers, text, seconds); keeps the cookies the server sets."""
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())}
    data = None
    if body is not None:
        data = urlencode(body).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.perf_counter()
    try:
        conn.request(method, url, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
    finally:
        conn.close()
    elapsed = time.perf_counter() - t0
    for raw in response.msg.get_all("Set-Cookie") or []:
        jar = http.cookies.SimpleCookie()
        jar.load(raw)
        for name, morsel in jar.items():
            if morsel["max-age"] == "0" or not morsel.value:
                client.cookies.pop(name, None)
            else:
                client.cookies[name] = morsel.value
    return response.status, response, text, elapsed


def _scores(client: Client, rng: random.Random, tag: str) -> dict[str, str]:
    """Valid points for every criterion (on the step, within the maximum) and remarks;
    the first remark names the save so each save changes the sheet."""
    body = {}
    for position, (pk, (top, step)) in enumerate(sorted(client.criteria.items())):
        steps = int(top / step)
        body[f"points_{pk}"] = str(step * rng.randint(0, steps))
        body[f"remark_{pk}"] = tag if position == 0 else "ตามเอกสารและการนำเสนอ"
    return body


def _run_client(client, port, saves, barrier, rng, texts, run_label):
    try:
        barrier.wait(timeout=300)
        status, _r, page, _t = _request(port, "GET", client, client.url)
        if status != 200:
            client.errors[f"first GET {status}"] += 1
            return
        for k in range(saves):
            csrf, version = CSRF_INPUT.search(page), VERSION_INPUT.search(page)
            if not csrf or not version:
                client.errors["form without CSRF token or version"] += 1
                return
            version = int(version.group(1))
            tag = f"{run_label} client {client.index} save {k + 1}"
            scores = _scores(client, rng, tag)
            body = {"csrfmiddlewaretoken": csrf.group(1), "version": version, "save": ""}
            body.update(scores)
            status, response, page, elapsed = _request(port, "POST", client, client.url, body)
            if status == 302 and response.getheader("Location") == client.url:
                client.saves.append(elapsed)
                client.last_posted = scores
                client.tags.append(tag)
            elif status == 200 and texts["stale"] in page:
                client.stale += 1
                continue  # the page shown is the fresh form
            else:
                client.errors[f"save answered {status}"] += 1
                status, _r, page, _t = _request(port, "GET", client, client.url)
                continue
            status, _r, page, _t = _request(port, "GET", client, client.url)
            if status != 200:
                client.errors[f"GET after save {status}"] += 1
            elif texts["saved"] not in page:
                client.errors["no 'draft saved' message after save"] += 1
            elif (shown := VERSION_INPUT.search(page)) is None or int(shown.group(1)) != (
                version + 1
            ):
                client.errors["version not one higher after save"] += 1
    except Exception as error:  # counted, not raised: the run goes on
        client.errors[f"{type(error).__name__}: {error}"[:120]] += 1


def _sample_lock_waits(stop: threading.Event, samples: list[tuple[int, int, str]]) -> None:
    """On PostgreSQL, every 50 ms: (backends running a query, backends waiting on a
    lock, the kinds of lock they wait on) in this database. No two clients share a sheet
    or a session, so a wait on another transaction ("transactionid") is a wait for the
    audit chain's head."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            while not stop.is_set():
                cursor.execute(
                    "SELECT count(*) FILTER (WHERE state = 'active'),"
                    " count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                    " coalesce(string_agg(wait_event, ',')"
                    " FILTER (WHERE wait_event_type = 'Lock'), '')"
                    " FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                samples.append(cursor.fetchone())
                stop.wait(0.05)
    finally:
        connection.close()


def _lock_hold(programme, sheets: list, repeat: int = 25) -> tuple[float, float, float]:
    """How long one save holds what serialises writers, in this process, one save at a
    time: on PostgreSQL the audit chain's head (from its SELECT ... FOR UPDATE returning
    to COMMIT returning), on SQLite the database's write lock (BEGIN IMMEDIATE to COMMIT).
    (median of the whole save transaction, median and max of the hold), seconds."""
    from django.db import connection, transaction

    from rangwan.judging import services as judging

    marks = {}

    def note_lock(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if ("audit_chainhead" in sql and "FOR UPDATE" in sql) or sql.startswith("BEGIN"):
            marks["locked"] = time.perf_counter()
        return result

    holds, totals = [], []
    with connection.execute_wrapper(note_lock):
        for i, sheet in enumerate(sheets[:repeat]):
            sheet.refresh_from_db()
            scores = {s.criterion_id: ("1", f"lock probe {i}") for s in sheet.scores.all()}
            t0 = time.perf_counter()
            with transaction.atomic():
                judging.save_sheet(
                    sheet=sheet, actor=sheet.seat.user, version=sheet.version, scores=scores
                )
            done = time.perf_counter()
            holds.append(done - marks.pop("locked"))
            totals.append(done - t0)
    holds, totals = holds[5:], totals[5:]  # the first ones warm caches up
    return statistics.median(totals), statistics.median(holds), max(holds)


def _verify_audit(env) -> tuple[bool, str]:
    result = subprocess.run(
        [PY, "manage.py", "verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--pg", help="PostgreSQL database name (dropped and re-created)")
    parser.add_argument("--clients", default="1,9,50", help="client counts, one run each")
    parser.add_argument("--saves", type=int, default=20, help="saves a client makes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--seed", type=int, default=2568)
    args = parser.parse_args()
    counts = [int(c) for c in args.clients.split(",")]

    var_dir = tempfile.mkdtemp(prefix="rangwan-concurrent-")
    sys.path.insert(0, str(ROOT / "bench"))
    from harness import gunicorn, setup_database

    env = setup_database(var_dir, args.pg)
    from django.db import connections
    from django.test import Client as TestClient
    from django.urls import reverse
    from django.utils import translation
    from generate import generate

    t0 = time.perf_counter()
    programme = generate(args.n, args.seed, judging="open")
    print(f"generated N={args.n} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    from rangwan.audit.models import AuditEntry
    from rangwan.judging.models import CommitteeSeat, Score, ScoreSheet
    from rangwan.judging.queries import rules_for, scored_criteria

    with translation.override("th"):
        texts = {
            "saved": translation.gettext("The draft was saved."),
            "stale": translation.gettext(
                "This sheet was saved from another window or device since you opened it. "
                "Reload it to see the latest scores; your last changes were not saved."
            ),
        }
    step = rules_for(programme).score_step
    criteria = {c.pk: (c.max_points, step) for c in scored_criteria(programme)}
    seats = list(CommitteeSeat.objects.filter(programme=programme).order_by("number"))
    nominations = list(programme.nominations.order_by("pk"))
    sheets = {
        (s.seat_id, s.nomination_id): s.pk
        for s in ScoreSheet.objects.filter(seat__programme=programme)
    }

    # Every run's clients get dossiers no earlier run used (wrapping round if N is small).
    plans, next_dossier = [], 0
    for count in counts:
        clients = []
        for i in range(count):
            seat = seats[i % len(seats)]
            nomination = nominations[(next_dossier + i) % len(nominations)]
            browser = TestClient()
            browser.force_login(seat.user)
            clients.append(
                Client(
                    index=i,
                    username=seat.user.username,
                    url=reverse("judging:sheet", args=[programme.pk, nomination.pk]),
                    sheet_pk=sheets[(seat.pk, nomination.pk)],
                    criteria=criteria,
                    cookies={"sessionid": browser.cookies["sessionid"].value},
                )
            )
        next_dossier += count
        plans.append((count, clients))
    connections.close_all()

    rows = []
    server_log = Path(var_dir) / "gunicorn.log"
    with open(server_log, "w") as log, gunicorn(env, args.port, args.workers, log):
        # Warm both workers up (templates, translations) with a few sheet pages.
        warm = plans[0][1][0]
        for _ in range(4 * args.workers):
            _request(args.port, "GET", warm, warm.url)

        for count, clients in plans:
            run_label = f"run{count}"
            audit_before = AuditEntry.objects.count()
            last_id = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
            log_before = server_log.read_text()
            load_before = os.getloadavg()
            barrier = threading.Barrier(count + 1)
            threads = [
                threading.Thread(
                    target=_run_client,
                    args=(c, args.port, args.saves, barrier, random.Random(c.index), texts),
                    kwargs={"run_label": run_label},
                )
                for c in clients
            ]
            for thread in threads:
                thread.start()
            stop, samples = threading.Event(), []
            sampler = threading.Thread(target=_sample_lock_waits, args=(stop, samples))
            barrier.wait(timeout=300)
            t0 = time.perf_counter()
            if args.pg:
                sampler.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - t0
            stop.set()
            if args.pg:
                sampler.join()
            load_after = os.getloadavg()

            # Afterwards: the database holds every client's last scores, the audit record
            # one entry per save (named by its remark), and the chain verifies.
            latencies = sorted(t for c in clients for t in c.saves)
            saves = len(latencies)
            errors = Counter()
            for c in clients:
                errors.update(c.errors)
            stale = sum(c.stale for c in clients)
            missing = 0
            for c in clients:
                stored = {s.criterion_id: s for s in Score.objects.filter(sheet_id=c.sheet_pk)}
                for pk in c.criteria:
                    posted = c.last_posted.get(f"points_{pk}")
                    if posted is None:
                        continue
                    score = stored[pk]
                    remark = c.last_posted[f"remark_{pk}"]
                    if score.points != Decimal(posted) or score.remark != remark:
                        missing += 1
                sheet = ScoreSheet.objects.get(pk=c.sheet_pk)
                if sheet.version != len(c.saves):
                    errors["sheet version differs from saves counted"] += 1
            entries = AuditEntry.objects.filter(action="sheet.save", id__gt=last_id or 0)
            recorded_tags = Counter()
            for entry in entries:
                for change in (entry.after or {}).get("scores", {}).values():
                    remark = change["after"][1]
                    if remark.startswith(f"{run_label} client "):
                        recorded_tags[remark] += 1
            expected_tags = Counter(tag for c in clients for tag in c.tags)
            audit_grew = AuditEntry.objects.count() - audit_before
            chain_ok, chain_text = _verify_audit(env)
            connections.close_all()
            new_log = server_log.read_text()[len(log_before) :]
            locked = new_log.count("database is locked")
            tracebacks = new_log.count("Traceback")
            p95 = latencies[min(saves - 1, round(0.95 * (saves - 1)))] if saves else 0.0
            row = {
                "clients": count,
                "saves": saves,
                "wall": wall,
                "rate": saves / wall if wall else 0.0,
                "median": statistics.median(latencies) if latencies else 0.0,
                "p95": p95,
                "max": latencies[-1] if latencies else 0.0,
                "errors": dict(errors),
                "stale": stale,
                "locked": locked,
                "tracebacks": tracebacks,
                "scores_missing": missing,
                "audit_grew": audit_grew,
                "audit_matches": audit_grew == saves and recorded_tags == expected_tags,
                "chain_ok": chain_ok,
                "chain_text": chain_text,
                "load": (load_before, load_after),
                "lock_waits": (
                    f"{sum(1 for _a, w, _e in samples if w) / len(samples):.0%} of samples, "
                    f"max {max(w for _a, w, _e in samples)} waiting"
                    + "".join(
                        f", {kind} {n}"
                        for kind, n in Counter(
                            kind for _a, _w, e in samples for kind in e.split(",") if kind
                        ).most_common()
                    )
                    if samples
                    else "n/a"
                ),
            }
            rows.append(row)
            print(
                f"{count} clients: {saves} saves in {wall:.1f} s, errors {dict(errors)}, "
                f"stale {stale}, locked {locked}, tracebacks {tracebacks}, "
                f"missing scores {missing}, audit +{audit_grew} "
                f"(entries match saves: {row['audit_matches']}), {chain_text}; "
                f"PG lock waits {row['lock_waits']}",
                file=sys.stderr,
                flush=True,
            )

    # Dossiers no run used, the last member's sheets: nobody else is writing now.
    spare = ScoreSheet.objects.filter(
        seat=seats[-1], nomination__in=nominations[next_dossier:]
    ).select_related("seat__user")
    hold = _lock_hold(programme, list(spare)) if len(spare) > 5 else None
    connections.close_all()
    db = "PostgreSQL" if args.pg else "SQLite"
    print(
        f"\n{db}, N = {args.n}, {args.saves} saves a client, gunicorn {args.workers} sync "
        f"workers, nproc {os.cpu_count()}; server log {server_log}"
    )
    print(
        "| clients | saves | wall s | saves/s | save median ms | p95 ms | max ms "
        "| errors | stale | locked | audit +entries | chain | PG lock waits "
        "| load before → after |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|---|")
    for r in rows:
        before, after = r["load"]
        errors = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "0"
        if r["scores_missing"]:
            errors += f"; scores not in database: {r['scores_missing']}"
        if r["tracebacks"]:
            errors += f"; server tracebacks: {r['tracebacks']}"
        audit = f"{r['audit_grew']}" + ("" if r["audit_matches"] else " (≠ saves!)")
        print(
            f"| {r['clients']} | {r['saves']} | {r['wall']:.1f} | {r['rate']:.1f} "
            f"| {1000 * r['median']:.0f} | {1000 * r['p95']:.0f} | {1000 * r['max']:.0f} "
            f"| {errors} | {r['stale']} | {r['locked']} | {audit} "
            f"| {'verifies' if r['chain_ok'] else 'BROKEN'} | {r['lock_waits']} "
            f"| {before[0]:.1f} → {after[0]:.1f} |"
        )
    if hold:
        what = "the audit chain's head" if args.pg else "the database write lock"
        print(
            f"\nOne save at a time, in process: the save transaction {1000 * hold[0]:.1f} ms "
            f"(median), {what} held {1000 * hold[1]:.1f} ms (median, max "
            f"{1000 * hold[2]:.1f}); load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
