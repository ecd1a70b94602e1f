"""The public verifier (rangwan/results/static/results/rangwan_verify.py) on a national-
scale results bundle: how long an outsider waits.

What it does, all in a throwaway folder (no database, no Django):
  1. generates a valid final bundle of N dossiers, each scored by all 9 seats on the
     7-criterion rubric of docs/TRANSPARENCY.md in half points (deterministic from a
     seed, 2568), with commitments under a random key, ties the chain leaves broken by
     recorded votes, and the ranking from its own small tally;
  2. runs the verifier as an outsider would, in a clean interpreter
     (`python -I -S rangwan_verify.py BUNDLE DIGEST`), RUNS times, and once more with
     `--key`, and prints the median wall time of each (the whole process: start-up,
     reading, RFC 8785, SHA-256, the checks and the re-tally).

Usage (from the repository root):  .venv/bin/python bench/verify_bundle.py [N] [RUNS]
Defaults: 880 dossiers, 3 runs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERIFIER = ROOT / "rangwan" / "results" / "static" / "results" / "rangwan_verify.py"
SEATS = 9
RUBRIC = [("1", 10), ("2.1", 10), ("2.2", 10), ("2.3", 10), ("2.4", 10), ("2.5", 10), ("3", 40)]
CODES = [code for code, _max in RUBRIC]
TIE_BREAK = [
    {"label": "criterion 3", "codes": ["3"]},
    {"label": "conduct total", "codes": ["2.1", "2.2", "2.3", "2.4", "2.5"]},
    {"label": "chair's vote", "codes": []},
]


def canonical(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def half(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.1f}"


def ranking_of(dossiers: list[dict], votes: dict[int, int]) -> list[dict]:
    rows = []
    for dossier in dossiers:
        count = len(dossier["sheets"])
        sums = {c: sum(Fraction(s["points"][c]) for s in dossier["sheets"]) for c in CODES}
        means = {c: sums[c] / count for c in CODES}
        keys = [sum(means.values())]
        for link in TIE_BREAK:
            keys.append(
                sum(means[c] for c in link["codes"])
                if link["codes"]
                else Fraction(votes.get(dossier["nomination"], 0))
            )
        rows.append((dossier["nomination"], means, keys))
    rows.sort(key=lambda row: row[2], reverse=True)
    ranking = []
    for index, (nomination, means, keys) in enumerate(rows):
        entry = {
            "nomination": nomination,
            "rank": index + 1,
            "total": f"{keys[0].numerator}/{keys[0].denominator}",
            "means": {c: f"{m.numerator}/{m.denominator}" for c, m in means.items()},
            "counted": SEATS,
            "decided_by": "",
            "tied": False,
        }
        if index:
            above_keys = rows[index - 1][2]
            if keys == above_keys:
                entry["rank"] = ranking[-1]["rank"]
                entry["tied"] = ranking[-1]["tied"] = True
            elif keys[0] == above_keys[0]:
                link = next(n for n in range(1, len(keys)) if keys[n] != above_keys[n])
                entry["decided_by"] = TIE_BREAK[link - 1]["label"]
                ranking[-1]["decided_by"] = ranking[-1]["decided_by"] or entry["decided_by"]
        ranking.append(entry)
    return ranking


def generate(count: int, key: bytes, seed: int = 2568) -> dict:
    chance = random.Random(seed)
    dossiers = []
    for number in range(count):
        nomination = 1000 + number
        quality = chance.uniform(0.6, 0.95)
        sheets = []
        for seat in range(1, SEATS + 1):
            points = {}
            for code, maximum in RUBRIC:
                drawn = round(chance.gauss(quality, 0.06) * maximum * 2)
                points[code] = half(Fraction(min(max(drawn, 0), maximum * 2), 2))
            message = canonical({"nomination": nomination, "seat": seat})
            sealed = hmac.new(key, message, hashlib.sha256).hexdigest()
            sheets.append({"points": points, "commitment": sealed})
        sheets.sort(key=lambda s: ([Fraction(s["points"][c]) for c in CODES], s["commitment"]))
        dossiers.append(
            {
                "nomination": nomination,
                "district": f"{number // 20 + 10:02d}{number % 20 + 1:02d}",
                "district_name": f"อำเภอทดสอบที่ {number + 1}",
                "officer": f"นายพัฒนากร ทดสอบ{number + 1}",
                "member": f"นางเครือข่าย ทดสอบ{number + 1}",
                "work_title": f"ผลงานร่วมกันเรื่องที่ {number + 1} ของชุมชนทดสอบ",
                "dossier_sha256": hashlib.sha256(str(nomination).encode()).hexdigest(),
                "recused": 0,
                "sheets": [{"label": n, **sheet} for n, sheet in enumerate(sheets, 1)],
            }
        )
    # Final results leave no tie: the committee votes on each group still level.
    votes: dict[int, int] = {}
    ranking = ranking_of(dossiers, votes)
    for index, entry in enumerate(ranking):
        if entry["tied"]:
            votes[entry["nomination"]] = len(ranking) - index
    ranking = ranking_of(dossiers, votes)
    assert not any(entry["tied"] for entry in ranking)
    return {
        "format": "rangwan-results-bundle/1",
        "status": "final",
        "published_at": "2025-05-28T03:00:00+00:00",
        "finalised_at": "2025-05-30T08:00:00+00:00",
        "objections_close_at": None,
        "programme": {
            "id": 1,
            "name": "สุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา (ระดับประเทศ)",
            "fiscal_year": 2568,
            "province": "",
        },
        "rubric": {
            "declared_total": "100",
            "criteria": [{"code": c, "title": f"เกณฑ์ {c}", "max": str(m)} for c, m in RUBRIC],
        },
        "rules": {"score_step": "0.5", "seats": SEATS, "quorum": 6, "tie_break": TIE_BREAK},
        "committee": [
            {"post": f"กรรมการ {n}", "holder": f"ผู้ทรงคุณวุฒิ {n}", "role": "member"}
            for n in range(1, SEATS + 1)
        ],
        "conflicts": {"declared": 0, "upheld": 0},
        "votes": [{"nomination": n, "votes": v} for n, v in sorted(votes.items())],
        "dossiers": dossiers,
        "ranking": ranking,
    }


def timed(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(VERIFIER), *args], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"the verifier disagreed:\n{result.stdout}{result.stderr}")
    return elapsed, result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 880
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        bundle = generate(count, key)
        data = canonical(bundle)
        path = Path(folder) / "bundle.json"
        path.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        sheets = sum(len(d["sheets"]) for d in bundle["dossiers"])
        print(
            f"bundle: {count} dossiers, {sheets} sheets, {sheets * len(CODES)} points, "
            f"{len(data) / 1e6:.2f} MB, {len(bundle['votes'])} tie votes "
            f"(generated in {time.perf_counter() - started:.1f} s)"
        )
        for name, extra in (("verify", ()), ("verify --key", ("--key", key.hex()))):
            seconds = [timed(str(path), digest, *extra)[0] for _ in range(runs)]
            print(f"{name + ':':14} median {statistics.median(seconds):.3f} s {report(seconds)}")
        seconds = [timed("--help")[0] for _ in range(runs)]
        print(f"{'start-up:':14} median {statistics.median(seconds):.3f} s (the verifier's --help)")


def report(values: list[float]) -> str:
    return f"of {len(values)} (" + ", ".join(f"{value:.3f}" for value in values) + ")"


if __name__ == "__main__":
    main()
