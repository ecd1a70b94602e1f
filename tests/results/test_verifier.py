"""The public verifier, rangwan/results/static/results/rangwan_verify.py, run as an outsider
runs it: a clean interpreter (-I -S: no site-packages, so anything beyond the standard
library fails to import) on a copy of a bundle.

The bundles here are made by `make_bundle` from hand-written sheets. Its ranking comes
from a small tally of its own, and for the main case (HAND) the ranking is also written
out by hand, with a tie on the total decided by criterion 3 and one decided by the vote,
so these tests do not merely repeat the verifier's arithmetic.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import hmac
import http.server
import importlib.util
import io
import json
import re
import subprocess
import sys
import threading
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = ROOT / "rangwan" / "results" / "static" / "results" / "rangwan_verify.py"

KEY = bytes(range(32))
CODES = ["1", "2.1", "2.2", "2.3", "2.4", "2.5", "3"]
MAXIMA = {"1": "10", "2.1": "10", "2.2": "10", "2.3": "10", "2.4": "10", "2.5": "10", "3": "40"}
TIE_BREAK = [
    {"label": "criterion 3", "codes": ["3"]},
    {"label": "conduct total", "codes": ["2.1", "2.2", "2.3", "2.4", "2.5"]},
    {"label": "chair's vote", "codes": []},
]

# Five dossiers, three sheets each; seat -> points in rubric order (1, 2.1–2.5, 3).
HAND_DOSSIERS = [
    {
        "nomination": 11,
        "district": "2401",
        "district_name": "เมืองฉะเชิงเทรา",
        "recused": 0,
        "sheets": {
            1: ["8", "8", "8", "8", "8", "8", "30"],
            2: ["8", "8", "8", "8", "8", "8", "30"],  # the same points as seat 1
            3: ["9", "7", "8", "8", "8", "8", "31"],
        },
    },
    {
        "nomination": 12,
        "district": "2402",
        "district_name": "บางคล้า",
        "recused": 1,
        "sheets": {
            1: ["10", "9", "9", "9", "9", "9", "35"],
            3: ["10", "9", "9", "9", "9", "9.5", "35"],
            4: ["9.5", "9", "9", "9", "9", "9", "36"],
        },
    },
    {
        "nomination": 13,
        "district": "2403",
        "district_name": "บางน้ำเปรี้ยว",
        "recused": 0,
        "sheets": {
            2: ["10", "10", "9", "9", "9", "9", "35"],
            4: ["10", "9", "9", "9", "9.5", "9", "35"],
            5: ["9.5", "9", "9", "9", "9", "9", "35"],
        },
    },
    {
        "nomination": 14,
        "district": "2404",
        "district_name": "บางปะกง",
        "recused": 0,
        "sheets": {
            1: ["8", "8", "8", "8", "8", "8", "30"],
            2: ["8.5", "8", "8", "8", "7.5", "8", "30"],
            5: ["8.5", "8", "8", "8", "8", "7.5", "31"],
        },
    },
    {
        "nomination": 15,
        "district": "2405",
        "district_name": "บ้านโพธิ์",
        "recused": 0,
        "sheets": {seat: ["10", "10", "10", "10", "10", "10", "40"] for seat in (1, 2, 3)},
    },
]
HAND_VOTES = {14: 3, 11: 2}


def _means(*values: str) -> dict[str, str]:
    return dict(zip(CODES, values, strict=True))


# Worked out on paper. บ้านโพธิ์ has full marks. บางคล้า and บางน้ำเปรี้ยว both total
# 271/3; บางคล้า's joint work (106/3) beats บางน้ำเปรี้ยว's 35. บางปะกง and
# เมืองฉะเชิงเทรา both total 235/3 with joint work 91/3 and conduct 119/3; the vote (3 to
# 2) puts บางปะกง, the later dossier, first.
HAND_RANKING = [
    {
        "nomination": 15,
        "rank": 1,
        "total": "100/1",
        "means": _means("10/1", "10/1", "10/1", "10/1", "10/1", "10/1", "40/1"),
        "counted": 3,
        "decided_by": "",
        "tied": False,
    },
    {
        "nomination": 12,
        "rank": 2,
        "total": "271/3",
        "means": _means("59/6", "9/1", "9/1", "9/1", "9/1", "55/6", "106/3"),
        "counted": 3,
        "decided_by": "criterion 3",
        "tied": False,
    },
    {
        "nomination": 13,
        "rank": 3,
        "total": "271/3",
        "means": _means("59/6", "28/3", "9/1", "9/1", "55/6", "9/1", "35/1"),
        "counted": 3,
        "decided_by": "criterion 3",
        "tied": False,
    },
    {
        "nomination": 14,
        "rank": 4,
        "total": "235/3",
        "means": _means("25/3", "8/1", "8/1", "8/1", "47/6", "47/6", "91/3"),
        "counted": 3,
        "decided_by": "chair's vote",
        "tied": False,
    },
    {
        "nomination": 11,
        "rank": 5,
        "total": "235/3",
        "means": _means("25/3", "23/3", "8/1", "8/1", "8/1", "8/1", "91/3"),
        "counted": 3,
        "decided_by": "chair's vote",
        "tied": False,
    },
]


# -- Making bundles ------------------------------------------------------------------------


def canonical(data) -> bytes:
    """RFC 8785 for a bundle (ASCII keys, strings, small integers): what the server stores."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def commit(key: bytes, nomination: int, seat: int) -> str:
    message = canonical({"nomination": nomination, "seat": seat})
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _text(points) -> str:
    return format(Decimal(str(points)).normalize(), "f")


def _tally(dossiers: list[dict], votes: dict[int, int], tie_break: list[dict]) -> list[dict]:
    """The ranking, written independently of the verifier: keys negated, sorted ascending."""
    rows = []
    for dossier in dossiers:
        sheets = dossier["sheets"]
        count = len(sheets)
        sums = {c: sum((Fraction(s["points"][c]) for s in sheets), Fraction(0)) for c in CODES}
        means = {c: sums[c] / count if count else Fraction(0) for c in CODES}
        keys = [sum(means.values(), Fraction(0))]
        for link in tie_break:
            if link["codes"]:
                keys.append(sum((means[c] for c in link["codes"]), Fraction(0)))
            else:
                keys.append(Fraction(votes.get(dossier["nomination"], 0)))
        rows.append({"dossier": dossier, "means": means, "keys": keys, "count": count})
    rows = sorted(rows, key=lambda row: [-k for k in row["keys"]])
    ranking = []
    for index, row in enumerate(rows):
        entry = {
            "nomination": row["dossier"]["nomination"],
            "rank": index + 1,
            "total": f"{row['keys'][0].numerator}/{row['keys'][0].denominator}",
            "means": {c: f"{m.numerator}/{m.denominator}" for c, m in row["means"].items()},
            "counted": row["count"],
            "decided_by": "",
            "tied": False,
        }
        if index:
            above, above_row = ranking[-1], rows[index - 1]
            if row["keys"] == above_row["keys"]:
                entry["rank"] = above["rank"]
                entry["tied"] = above["tied"] = True
            elif row["keys"][0] == above_row["keys"][0]:
                link = next(
                    n for n in range(1, len(row["keys"])) if row["keys"][n] != above_row["keys"][n]
                )
                entry["decided_by"] = tie_break[link - 1]["label"]
                above["decided_by"] = above["decided_by"] or entry["decided_by"]
        ranking.append(entry)
    return ranking


def make_bundle(
    dossiers: list[dict] = HAND_DOSSIERS,
    *,
    votes: dict[int, int] = HAND_VOTES,
    status: str = "final",
    step: str = "0.5",
    seats: int = 5,
    quorum: int = 3,
    tie_break: list[dict] = TIE_BREAK,
    key: bytes = KEY,
) -> dict:
    """A correct bundle for these sheets: labels in the documented order, commitments
    under `key`, the ranking from `_tally`."""
    listed = []
    for spec in dossiers:
        sheets = [
            {
                "points": {c: _text(p) for c, p in zip(CODES, points, strict=True)},
                "commitment": commit(key, spec["nomination"], seat),
            }
            for seat, points in spec["sheets"].items()
        ]
        sheets.sort(key=lambda s: ([Decimal(s["points"][c]) for c in CODES], s["commitment"]))
        listed.append(
            {
                "nomination": spec["nomination"],
                "district": spec["district"],
                "district_name": spec["district_name"],
                "officer": f"นายทดสอบ {spec['district']}",
                "member": f"นางทดสอบ {spec['district']}",
                "work_title": f"ผลงาน {spec['district_name']}",
                "dossier_sha256": hashlib.sha256(spec["district"].encode()).hexdigest(),
                "recused": spec["recused"],
                "sheets": [{"label": n, **sheet} for n, sheet in enumerate(sheets, 1)],
            }
        )
    upheld = sum(spec["recused"] for spec in dossiers)
    return {
        "format": "rangwan-results-bundle/1",
        "status": status,
        "published_at": "2025-05-28T03:00:00+00:00",
        "finalised_at": "2025-05-30T08:00:00+00:00" if status == "final" else None,
        "objections_close_at": None,
        "programme": {
            "id": 1,
            "name": "สุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา",
            "fiscal_year": 2568,
            "province": "ฉะเชิงเทรา",
        },
        "rubric": {
            "declared_total": "100",
            "criteria": [{"code": c, "title": f"เกณฑ์ {c}", "max": MAXIMA[c]} for c in CODES],
        },
        "rules": {"score_step": step, "seats": seats, "quorum": quorum, "tie_break": tie_break},
        "committee": [
            {
                "post": f"ตำแหน่ง {n}",
                "holder": f"กรรมการ {n}",
                "role": "chair" if n == 1 else "member",
            }
            for n in range(1, seats + 1)
        ],
        "conflicts": {"declared": upheld + 1, "upheld": upheld},
        "votes": [{"nomination": n, "votes": v} for n, v in sorted(votes.items())],
        "dossiers": listed,
        "ranking": _tally(listed, votes, tie_break),
    }


def run(tmp_path: Path, bundle, *args: str) -> subprocess.CompletedProcess:
    """The verifier on a copy of `bundle` (a dict, stored canonical, or bytes as they are)."""
    path = tmp_path / "bundle.json"
    path.write_bytes(bundle if isinstance(bundle, bytes) else canonical(bundle))
    return run_on(str(path), *args)


def run_on(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own verifier, fixed arguments)
        [sys.executable, "-I", "-S", str(VERIFIER), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def agrees(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("ผลตรงกัน: ") and " / Agrees: " in last, result.stdout
    return result.stdout


def disagrees(result: subprocess.CompletedProcess, thai: str, english: str) -> str:
    """Exit status 1 and, last, the one line naming the problem, in Thai then English."""
    assert result.returncode == 1, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("ไม่ตรงกัน: ") and " / Disagrees: " in last, result.stdout
    thai_part, english_part = last.split(" / Disagrees: ", 1)
    assert thai in thai_part, last
    assert english in english_part, last
    return last


def digest(bundle: dict) -> str:
    return hashlib.sha256(canonical(bundle)).hexdigest()


# -- The bundle agrees ---------------------------------------------------------------------


def test_the_helper_ranks_the_hand_case_as_worked_out_on_paper():
    assert make_bundle()["ranking"] == HAND_RANKING


def test_agrees_on_a_valid_bundle(tmp_path):
    bundle = make_bundle()
    bundle["ranking"] = copy.deepcopy(HAND_RANKING)
    out = agrees(run(tmp_path, bundle, digest(bundle)))
    assert "SHA-256 ตรงกับที่ประกาศ / The SHA-256 is the announced one" in out
    last = out.strip().splitlines()[-1]
    assert "ผลสิ้นสุด แบบเสนอผลงาน 5 ชุด แบบให้คะแนน 15 แบบ อันดับ 1 อำเภอบ้านโพธิ์ (เลขที่ 15)" in last
    assert "final, 5 dossiers, 15 sheets, first: บ้านโพธิ์ (nomination 15)" in last
    assert digest(bundle) in last
    for line in out.strip().splitlines():  # every line in both languages, Thai first
        thai, english = line.split(" / ", 1)
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai), line
        assert re.search("[A-Za-z]{3}", english), line


def test_without_a_digest_it_asks_you_to_compare_it_yourself(tmp_path):
    bundle = make_bundle()
    out = agrees(run(tmp_path, bundle))
    assert f"SHA-256 ของชุดข้อมูล (รูป RFC 8785): {digest(bundle)}" in out
    assert "compare the SHA-256 above with the announcement yourself" in out


def test_provisional_results_may_hold_a_tie(tmp_path):
    # Without the vote บางปะกง and เมืองฉะเชิงเทรา are level after the whole chain: both
    # 4th, tied, in the order of the dossiers (เมืองฉะเชิงเทรา first).
    bundle = make_bundle(votes={}, status="provisional")
    expected = copy.deepcopy(HAND_RANKING)
    expected[3], expected[4] = expected[4], expected[3]
    for entry in expected[3:]:
        entry.update(rank=4, decided_by="", tied=True)
    assert bundle["ranking"] == expected
    out = agrees(run(tmp_path, bundle))
    assert "ผลเบื้องต้น" in out and "provisional" in out


def test_a_tie_on_first_place_names_both(tmp_path):
    dossiers = copy.deepcopy(HAND_DOSSIERS[:1]) + copy.deepcopy(HAND_DOSSIERS[3:4])
    out = agrees(run(tmp_path, make_bundle(dossiers, votes={}, status="provisional")))
    last = out.strip().splitlines()[-1]
    assert "อันดับ 1 อำเภอเมืองฉะเชิงเทรา (เลขที่ 11) และอำเภอบางปะกง (เลขที่ 14)" in last
    assert "first: เมืองฉะเชิงเทรา (nomination 11) and บางปะกง (nomination 14)" in last


def test_a_file_not_in_canonical_form_is_a_note_not_a_failure(tmp_path):
    bundle = make_bundle()
    pretty = json.dumps(bundle, ensure_ascii=True, indent=2).encode() + b"\n"
    out = agrees(run(tmp_path, pretty, digest(bundle)))
    assert "หมายเหตุ: ไฟล์นี้ไม่ได้เขียนในรูป RFC 8785" in out
    assert "Note: the file is not byte for byte its RFC 8785 form" in out
    assert hashlib.sha256(pretty).hexdigest() in out
    assert "Note:" not in agrees(run(tmp_path, bundle))


# -- It names what disagrees ---------------------------------------------------------------


def test_a_changed_score_makes_the_means_disagree(tmp_path):
    bundle = make_bundle()
    # บางคล้า's sheet 1 (criterion 1 at 9.5 keeps it first): criterion 2.1 from 9 to 8.
    sheet = bundle["dossiers"][1]["sheets"][0]
    assert sheet["label"] == 1 and sheet["points"]["2.1"] == "9"
    sheet["points"]["2.1"] = "8"
    disagrees(
        run(tmp_path, bundle),
        "คะแนนเฉลี่ยเกณฑ์ 2.1 ของอำเภอบางคล้า (เลขที่ 12) ไม่ตรง: คำนวณได้ 26/3 แต่ในชุดข้อมูลเขียนว่า 9/1",
        "The mean on criterion 2.1 of บางคล้า (nomination 12) disagrees: computed 26/3, "
        "the bundle says 9/1",
    )


def test_a_changed_total_is_named(tmp_path):
    bundle = make_bundle()
    bundle["ranking"][0]["total"] = "99/1"
    disagrees(
        run(tmp_path, bundle),
        "คะแนนรวมของอำเภอบ้านโพธิ์ (เลขที่ 15) ไม่ตรง: คำนวณได้ 100/1 แต่ในชุดข้อมูลเขียนว่า 99/1",
        "The total of บ้านโพธิ์ (nomination 15) disagrees: computed 100/1, the bundle says 99/1",
    )


def test_a_dropped_sheet(tmp_path):
    bundle = make_bundle()
    bundle["dossiers"][2]["sheets"].pop()  # labels 1, 2 remain
    disagrees(
        run(tmp_path, bundle),
        "จำนวนแบบให้คะแนนที่นับ (counted) ของอำเภอบางน้ำเปรี้ยว (เลขที่ 13) ไม่ตรง: นับได้ 2 "
        "แต่ในชุดข้อมูลเขียนว่า 3",
        "The counted sheets of บางน้ำเปรี้ยว (nomination 13) disagree",
    )


def test_a_dropped_first_sheet_leaves_a_gap_in_the_labels(tmp_path):
    bundle = make_bundle()
    del bundle["dossiers"][2]["sheets"][0]
    disagrees(
        run(tmp_path, bundle),
        "แบบให้คะแนนของอำเภอบางน้ำเปรี้ยว (เลขที่ 13) ต้องติดป้าย 1 ถึง 2 แต่พบ [2, 3]",
        "must be labelled 1 to 2; found [2, 3]",
    )


def test_a_duplicated_sheet(tmp_path):
    bundle = make_bundle()
    sheets = bundle["dossiers"][4]["sheets"]
    sheets.append(copy.deepcopy(sheets[1]))
    disagrees(
        run(tmp_path, bundle),
        "อำเภอบ้านโพธิ์ (เลขที่ 15) มีแบบให้คะแนนที่ติดป้าย 2 สองแบบ",
        "บ้านโพธิ์ (nomination 15) has two sheets labelled 2",
    )


def test_a_duplicated_sheet_relabelled_still_shows_one_seat_twice(tmp_path):
    # Copied and every label redone in order: the commitment gives it away.
    bundle = make_bundle()
    sheets = bundle["dossiers"][4]["sheets"]
    sheets.insert(2, copy.deepcopy(sheets[1]))
    for label, sheet in enumerate(sheets, 1):
        sheet["label"] = label
    disagrees(
        run(tmp_path, bundle),
        "แบบให้คะแนนที่ 2 และ 3 ของอำเภอบ้านโพธิ์ (เลขที่ 15) มี commitment เดียวกัน",
        "Sheets 2 and 3 of บ้านโพธิ์ (nomination 15) carry the same commitment",
    )


def test_labels_out_of_the_documented_order(tmp_path):
    bundle = make_bundle()
    sheets = bundle["dossiers"][1]["sheets"]  # บางคล้า: 9.5 on criterion 1 is sheet 1
    sheets[0]["label"], sheets[1]["label"] = 2, 1
    disagrees(
        run(tmp_path, bundle),
        "แบบให้คะแนนของอำเภอบางคล้า (เลขที่ 12) ติดป้ายไม่ตามลำดับที่กำหนด",
        "the sheet labelled 2 should be 1",
    )


def test_swapped_places_in_the_ranking(tmp_path):
    bundle = make_bundle()
    ranking = bundle["ranking"]
    ranking[1], ranking[2] = ranking[2], ranking[1]
    disagrees(
        run(tmp_path, bundle),
        "ตำแหน่งที่ 2 ของลำดับผล (ranking) ควรเป็นอำเภอบางคล้า (เลขที่ 12) "
        "แต่ในชุดข้อมูลเป็นอำเภอบางน้ำเปรี้ยว (เลขที่ 13)",
        "Place 2 of the ranking should be บางคล้า (nomination 12); "
        "the bundle has บางน้ำเปรี้ยว (nomination 13)",
    )


def test_swapped_rank_numbers(tmp_path):
    bundle = make_bundle()
    ranking = bundle["ranking"]
    ranking[1]["rank"], ranking[2]["rank"] = 3, 2
    disagrees(
        run(tmp_path, bundle),
        "ลำดับที่ (rank) ของอำเภอบางคล้า (เลขที่ 12) ไม่ตรง: คำนวณได้ 2 แต่ในชุดข้อมูลเขียนว่า 3",
        "The rank of บางคล้า (nomination 12) disagrees: computed 2, the bundle says 3",
    )


def test_a_wrong_decided_by(tmp_path):
    bundle = make_bundle()
    bundle["ranking"][3]["decided_by"] = "criterion 3"
    disagrees(
        run(tmp_path, bundle),
        'เหตุที่ตัดสินลำดับ (decided_by) ของอำเภอบางปะกง (เลขที่ 14) ไม่ตรง: คำนวณได้ "chair\'s vote"',
        'the bundle says "criterion 3"',
    )


def test_a_ranking_that_leaves_a_dossier_out(tmp_path):
    bundle = make_bundle()
    del bundle["ranking"][4]
    disagrees(
        run(tmp_path, bundle),
        "ลำดับผล (ranking) ไม่มีอำเภอเมืองฉะเชิงเทรา (เลขที่ 11)",
        "The ranking leaves out เมืองฉะเชิงเทรา (nomination 11)",
    )


def test_a_ranking_that_lists_a_dossier_twice(tmp_path):
    bundle = make_bundle()
    bundle["ranking"][4] = copy.deepcopy(bundle["ranking"][3])
    disagrees(
        run(tmp_path, bundle),
        "ลำดับผล (ranking) มีการเสนอชื่อเลขที่ 14 ซ้ำ",
        "The ranking lists nomination 14 twice",
    )


def test_a_changed_score_step(tmp_path):
    bundle = make_bundle()
    bundle["rules"]["score_step"] = "1"
    disagrees(
        run(tmp_path, bundle),
        "คะแนนเกณฑ์ 1 ในแบบให้คะแนนที่ 1 ของอำเภอบางคล้า (เลขที่ 12) คือ 9.5 ซึ่งไม่ลงตัวกับช่วงคะแนนทีละ 1",
        "Criterion 1 on sheet 1 of บางคล้า (nomination 12) is 9.5, "
        "not a multiple of the score step 1",
    )


def test_a_changed_tie_break_order(tmp_path):
    # Conduct first: บางน้ำเปรี้ยว's conduct (91/2) beats บางคล้า's (271/6).
    bundle = make_bundle()
    chain = bundle["rules"]["tie_break"]
    chain[0], chain[1] = chain[1], chain[0]
    disagrees(
        run(tmp_path, bundle),
        "ตำแหน่งที่ 2 ของลำดับผล (ranking) ควรเป็นอำเภอบางน้ำเปรี้ยว (เลขที่ 13)",
        "Place 2 of the ranking should be บางน้ำเปรี้ยว (nomination 13); "
        "the bundle has บางคล้า (nomination 12)",
    )


def test_a_raised_quorum(tmp_path):
    bundle = make_bundle()
    bundle["rules"]["quorum"] = 4
    disagrees(
        run(tmp_path, bundle),
        "ผลสิ้นสุดแล้ว แต่อำเภอบ้านโพธิ์ (เลขที่ 15) มีแบบให้คะแนนที่นับเพียง 3 แบบ ไม่ถึงองค์ประชุม 4",
        "The results are final, but บ้านโพธิ์ (nomination 15) has only 3 counted sheets, "
        "below the quorum of 4",
    )


def test_final_results_with_a_tie_left(tmp_path):
    bundle = make_bundle(votes={}, status="final")
    disagrees(
        run(tmp_path, bundle),
        "ผลสิ้นสุดแล้ว แต่อำเภอเมืองฉะเชิงเทรา (เลขที่ 11) ยังมีคะแนนเท่ากับแบบเสนอผลงานอื่น",
        "is still level with another dossier after the whole tie-break chain",
    )


def test_a_point_above_the_maximum(tmp_path):
    bundle = make_bundle()
    bundle["dossiers"][4]["sheets"][2]["points"]["1"] = "10.5"
    disagrees(
        run(tmp_path, bundle),
        "คะแนนเกณฑ์ 1 ในแบบให้คะแนนที่ 3 ของอำเภอบ้านโพธิ์ (เลขที่ 15) คือ 10.5 เกินคะแนนเต็ม 10",
        "Criterion 1 on sheet 3 of บ้านโพธิ์ (nomination 15) is 10.5, above its maximum 10",
    )


@pytest.mark.parametrize(
    ("points", "thai"),
    [
        ("-1", "คือ -1 ต่ำกว่า 0"),
        ("9.50", 'เขียนว่า "9.50" ซึ่งไม่ใช่ตัวเลขแบบข้อความตามรูปแบบ'),
        (9, "เขียนว่า 9 ซึ่งไม่ใช่ตัวเลขแบบข้อความตามรูปแบบ"),
        ("๙", 'เขียนว่า "๙" ซึ่งไม่ใช่ตัวเลขแบบข้อความตามรูปแบบ'),
    ],
)
def test_points_written_otherwise_than_the_format_says(tmp_path, points, thai):
    bundle = make_bundle()
    bundle["dossiers"][0]["sheets"][0]["points"]["2.2"] = points
    disagrees(
        run(tmp_path, bundle),
        f"คะแนนเกณฑ์ 2.2 ในแบบให้คะแนนที่ 1 ของอำเภอเมืองฉะเชิงเทรา (เลขที่ 11) {thai}",
        "Criterion 2.2 on sheet 1 of เมืองฉะเชิงเทรา (nomination 11)",
    )


def test_a_sheet_missing_a_criterion_or_scoring_another(tmp_path):
    bundle = make_bundle()
    del bundle["dossiers"][3]["sheets"][1]["points"]["2.4"]
    disagrees(
        run(tmp_path, bundle),
        "แบบให้คะแนนที่ 2 ของอำเภอบางปะกง (เลขที่ 14) ไม่มีคะแนนเกณฑ์ 2.4",
        "Sheet 2 of บางปะกง (nomination 14) gives no points for criterion 2.4",
    )
    bundle = make_bundle()
    bundle["dossiers"][3]["sheets"][1]["points"]["2.6"] = "1"
    disagrees(
        run(tmp_path, bundle),
        'แบบให้คะแนนที่ 2 ของอำเภอบางปะกง (เลขที่ 14) มีคะแนนเกณฑ์ "2.6" ซึ่งไม่มีในเกณฑ์การให้คะแนน',
        'gives points for criterion "2.6", which is not in the rubric',
    )


def test_rubric_maxima_that_do_not_add_up(tmp_path):
    bundle = make_bundle()
    bundle["rubric"]["criteria"][6]["max"] = "50"
    disagrees(
        run(tmp_path, bundle),
        "คะแนนเต็มของทุกเกณฑ์รวมกันได้ 110 ไม่เท่ากับคะแนนรวมที่ประกาศ 100",
        "The criteria's maxima add up to 110, not the declared total 100",
    )


def test_more_sheets_and_recusals_than_seats(tmp_path):
    bundle = make_bundle()
    bundle["dossiers"][1]["recused"] = 3
    bundle["conflicts"] = {"declared": 3, "upheld": 3}
    disagrees(
        run(tmp_path, bundle),
        "อำเภอบางคล้า (เลขที่ 12) มีแบบให้คะแนนที่นับ 3 แบบ และกรรมการงดพิจารณา 3 คน รวม 6 เกินจำนวนที่นั่ง 5",
        "บางคล้า (nomination 12) has 3 counted sheets and 3 recused members, 6 in all, "
        "more than the 5 seats",
    )


def test_conflicts_that_do_not_add_up(tmp_path):
    bundle = make_bundle()
    bundle["conflicts"]["upheld"] = 2
    disagrees(
        run(tmp_path, bundle),
        "การงดพิจารณา (recused) ของทุกแบบเสนอผลงานรวมกันได้ 1 ครั้ง",
        "The dossiers' recusals add up to 1, but conflicts.upheld is 2",
    )
    bundle["conflicts"]["declared"] = 1
    disagrees(run(tmp_path, bundle), "(upheld) 2 รายการ", "at most the 1 declared")


def test_another_format_or_status(tmp_path):
    bundle = make_bundle()
    bundle["format"] = "rangwan-results-bundle/2"
    disagrees(
        run(tmp_path, bundle),
        'รูปแบบของชุดข้อมูล (format) คือ "rangwan-results-bundle/2"',
        'The bundle\'s format is "rangwan-results-bundle/2"',
    )
    bundle = make_bundle()
    bundle["finalised_at"] = None
    disagrees(run(tmp_path, bundle), "finalised_at", "Final results need a finalised_at time")


def test_a_missing_field_is_named(tmp_path):
    bundle = make_bundle()
    del bundle["dossiers"][2]["recused"]
    disagrees(
        run(tmp_path, bundle),
        "ช่อง dossiers[2].recused ในชุดข้อมูลไม่มี หรือไม่ใช่จำนวนเต็ม",
        "The bundle's field dossiers[2].recused is missing or not an integer",
    )


# -- The digest and the JSON itself --------------------------------------------------------


def test_a_wrong_digest(tmp_path):
    bundle = make_bundle()
    wrong = "0" * 64
    disagrees(
        run(tmp_path, bundle, wrong),
        f"SHA-256 ไม่ตรงกับที่ประกาศ: คำนวณได้ {digest(bundle)} แต่ที่ประกาศไว้คือ {wrong}",
        f"The SHA-256 is not the announced one: computed {digest(bundle)}, announced {wrong}",
    )


def test_a_tampered_bundle_fails_on_the_announced_digest_first(tmp_path):
    bundle = make_bundle()
    announced = digest(bundle)
    bundle["dossiers"][0]["officer"] = "นายคนอื่น"  # nothing the ranking rests on
    disagrees(run(tmp_path, bundle, announced.upper()), "SHA-256 ไม่ตรงกับที่ประกาศ", announced)


def test_a_float_in_the_json(tmp_path):
    data = canonical(make_bundle()).replace(b'"9.5"', b"9.5", 1)
    disagrees(
        run(tmp_path, data),
        "พบตัวเลขทศนิยม 9.5 ในชุดข้อมูล",
        "A floating-point number 9.5 in the bundle",
    )
    data = canonical(make_bundle()).replace(b'"seats":5', b'"seats":5e0', 1)
    disagrees(run(tmp_path, data), "พบตัวเลขทศนิยม 5e0", "A floating-point number 5e0")


def test_duplicate_keys(tmp_path):
    data = canonical(make_bundle()).replace(b'"status":"final"', b'"status":"final","status":"x"')
    disagrees(
        run(tmp_path, data),
        'ชื่อช่อง "status" ซ้ำกันในออบเจกต์เดียวกัน',
        'The key "status" appears twice in one object',
    )


def test_integers_beyond_what_rfc_8785_writes_exactly(tmp_path):
    data = canonical(make_bundle()).replace(b'"id":1', b'"id":9007199254740992', 1)
    disagrees(run(tmp_path, data), "จำนวนเต็ม 9007199254740992 เกินขอบเขต", "outside what RFC 8785")
    data = canonical(make_bundle()).replace(b'"id":1', b'"id":NaN', 1)
    disagrees(run(tmp_path, data), "พบค่า NaN", "The bundle holds NaN")


def test_unreadable_input_and_bad_usage_exit_2(tmp_path):
    for result in (
        run(tmp_path, b'{"format": '),
        run(tmp_path, b"\xff\xfe{}"),
        run_on(str(tmp_path / "absent.json")),
        run_on(),
        run_on("a.json", "b.json", "c.json"),
        run_on("a.json", "not-a-digest"),
        run_on("a.json", "--key", "abc"),
        run_on("a.json", "--frobnicate"),
    ):
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stdout == ""
        line = result.stderr.strip().splitlines()[0]
        thai, english = line.split(" / ", 1)
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai) and english, line
    assert "ไม่ใช่ JSON" in run(tmp_path, b"[1, 2").stderr
    assert "ไฟล์ absent.json" in run_on("absent.json").stderr
    assert run_on("--help").returncode == 0


# -- RFC 8785, against the reference package ---------------------------------------------


def _load_verifier():
    spec = importlib.util.spec_from_file_location("rangwan_verify", VERIFIER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_canonical_form_is_rfc_8785():
    import rfc8785

    verifier = _load_verifier()
    tricky = {
        "z": 1,
        "a": [True, False, None, -(2**53 - 1), 2**53 - 1, 0],
        "\ue000": "private use sorts after the emoji in UTF-16",
        "😀": "an astral key: surrogates D83D DE00",
        "é": 'é\u2028\u2029\x7f\x00\x01\x1f\b\t\n\f\r"\\/',
        "ไทย": {"ข": "ข", "ก": ["ก", {"b": 1, "a": 2}]},
        "": "",
    }
    text = json.dumps(tricky, indent=1, ensure_ascii=True).encode()
    assert verifier.canonical(verifier.parse(text)) == rfc8785.dumps(tricky)
    bundle = make_bundle()
    assert verifier.canonical(verifier.parse(canonical(bundle))) == rfc8785.dumps(bundle)


def test_an_unpaired_surrogate_is_refused(tmp_path):
    data = canonical(make_bundle()).replace(b'"officer":"', b'"officer":"\\ud800', 1)
    disagrees(run(tmp_path, data), "surrogate เดี่ยว", "an unpaired surrogate")


# -- Opening the commitments ---------------------------------------------------------------


def test_the_key_opens_every_commitment(tmp_path):
    out = agrees(run(tmp_path, make_bundle(), "--key", KEY.hex()))
    # บางคล้า: seat 4 gave 9.5 on criterion 1 (sheet 1); seats 1 and 3 differ on 2.5.
    assert (
        "อำเภอบางคล้า (เลขที่ 12): แบบที่ 1 มาจากกรรมการลำดับที่ 4, "
        "แบบที่ 2 มาจากกรรมการลำดับที่ 1, แบบที่ 3 มาจากกรรมการลำดับที่ 3 / "
        "บางคล้า (nomination 12): sheet 1 from seat 4, sheet 2 from seat 1, sheet 3 from seat 3"
    ) in out
    # เมืองฉะเชิงเทรา: seats 1 and 2 gave the same points; the commitment orders them.
    first, second = sorted([1, 2], key=lambda seat: commit(KEY, 11, seat))
    assert (
        f"เมืองฉะเชิงเทรา (nomination 11): sheet 1 from seat {first}, "
        f"sheet 2 from seat {second}, sheet 3 from seat 3"
    ) in out
    assert out.count("from seat") == 15


def test_a_wrong_key_opens_nothing(tmp_path):
    disagrees(
        run(tmp_path, make_bundle(), f"--key={bytes(32).hex()}"),
        "แบบให้คะแนนที่ 1 ของอำเภอเมืองฉะเชิงเทรา (เลขที่ 11) ไม่ตรงกับกรรมการลำดับใดเลย (1 ถึง 5)",
        "matches no seat (1 to 5) under the given key (is it the right key?)",
    )


def test_a_sheet_sealed_for_a_seat_beyond_the_committee(tmp_path):
    bundle = make_bundle()
    sheets = bundle["dossiers"][4]["sheets"]  # the same points: ordered by commitment
    # A seat beyond the five, whose commitment still sorts after sheet 2's.
    sheets[2]["commitment"] = next(
        sealed
        for sealed in (commit(KEY, 15, seat) for seat in range(6, 100))
        if sealed > sheets[1]["commitment"]
    )
    disagrees(
        run(tmp_path, bundle, "--key", KEY.hex()),
        "แบบให้คะแนนที่ 3 ของอำเภอบ้านโพธิ์ (เลขที่ 15) ไม่ตรงกับกรรมการลำดับใดเลย",
        "Sheet 3 of บ้านโพธิ์ (nomination 15) matches no seat",
    )


# -- Over HTTP -----------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """tmp_path served on 127.0.0.1 at an ephemeral port; yields the base address."""

    def handler(*args, **kwargs):
        return _Quiet(*args, directory=str(tmp_path), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_bundle_fetched_over_http(served):
    folder, base = served
    bundle = make_bundle()
    (folder / "bundle.json").write_bytes(canonical(bundle))
    out = agrees(run_on(f"{base}/bundle.json", digest(bundle)))
    assert "SHA-256 ตรงกับที่ประกาศ" in out
    missing = run_on(f"{base}/absent.json")
    assert missing.returncode == 2
    assert "ดาวน์โหลดชุดข้อมูลจาก" in missing.stderr and "404" in missing.stderr


# -- Standard library only -----------------------------------------------------------------


def test_the_verifier_imports_only_the_standard_library():
    tree = ast.parse(VERIFIER.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports"
            imported.add(node.module.split(".")[0])
    assert imported, "the parse found the imports"
    assert imported <= sys.stdlib_module_names | {"__future__"}, imported - sys.stdlib_module_names
    ast.parse(VERIFIER.read_text(encoding="utf-8"), feature_version=(3, 9))  # 3.9 syntax
    # Nor does it call for anything at run time.
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not calls & {"__import__", "eval", "exec", "compile"}


# -- The real bundle: the judged demo (load_demo --judged) ---------------------------------


@pytest.fixture
def demo_results(db):
    """The finished 2568 programme: 11 dossiers, 9 seats, one conflict upheld, final."""
    from django.core.management import call_command

    from rangwan.programmes.models import Programme

    call_command("load_demo", "--judged", stdout=io.StringIO())
    results = Programme.objects.get(fiscal_year=2568).results
    assert results.is_final
    return results


def _served_bundle(client, results) -> bytes:
    from django.urls import reverse

    response = client.get(reverse("results:bundle", args=[results.programme_id]))
    assert response.status_code == 200
    return response.content


def test_the_verifier_agrees_on_the_demo_bundle_as_served(client, demo_results, tmp_path):
    data = _served_bundle(client, demo_results)
    assert data == demo_results.bundle.encode("utf-8")
    assert hashlib.sha256(data).hexdigest() == demo_results.digest
    out = agrees(run(tmp_path, data, demo_results.digest))
    assert "Note:" not in out  # served exactly in its RFC 8785 form
    bundle = json.loads(data)
    winner = next(
        d for d in bundle["dossiers"] if d["nomination"] == bundle["ranking"][0]["nomination"]
    )
    assert winner["district_name"] == "บ้านโพธิ์"
    last = out.strip().splitlines()[-1]
    assert "แบบเสนอผลงาน 11 ชุด" in last and "อันดับ 1 อำเภอบ้านโพธิ์" in last
    assert (
        f"first: บ้านโพธิ์ (nomination {winner['nomination']}), SHA-256 {demo_results.digest}" in last
    )
    assert sum(d["recused"] for d in bundle["dossiers"]) == bundle["conflicts"]["upheld"] == 1


def test_the_demo_key_opens_every_commitment_to_its_seat(demo_results, tmp_path):
    key = demo_results.snapshot["key"]
    out = agrees(run(tmp_path, demo_results.bundle.encode(), demo_results.digest, "--key", key))
    bundle = json.loads(demo_results.bundle)
    names = {d["nomination"]: d["district_name"] for d in bundle["dossiers"]}
    seat_of = {(s["nomination"], s["label"]): s["seat"] for s in demo_results.snapshot["sheets"]}
    assert (
        out.count("from seat") == len(seat_of) == sum(len(d["sheets"]) for d in bundle["dossiers"])
    )
    for (nomination, label), seat in seat_of.items():
        line = next(x for x in out.splitlines() if x.startswith(f"อำเภอ{names[nomination]} ("))
        assert f"sheet {label} from seat {seat}" in line.split(" / ", 1)[1]


def test_the_verifier_catches_tampering_of_the_demo_bundle(demo_results, tmp_path):
    published = json.loads(demo_results.bundle)
    # A point raised on one sheet of the winner: the file no longer has the digest...
    bundle = copy.deepcopy(published)
    first = bundle["ranking"][0]["nomination"]
    dossier = next(d for d in bundle["dossiers"] if d["nomination"] == first)
    sheet = dossier["sheets"][-1]  # the highest sheet: raising a point keeps it last
    code = next(c for c, p in sheet["points"].items() if Fraction(p) < Fraction(MAXIMA[c]))
    raised = Decimal(sheet["points"][code]) + Decimal(bundle["rules"]["score_step"])
    sheet["points"][code] = _text(raised)
    disagrees(run(tmp_path, bundle, demo_results.digest), "SHA-256 ไม่ตรงกับที่ประกาศ", "announced")
    # ...and, digest aside, its mean on that criterion is not the published one.
    counted = len(dossier["sheets"])
    sums = sum(Fraction(s["points"][code]) for s in dossier["sheets"])
    disagrees(
        run(tmp_path, bundle),
        f"คะแนนเฉลี่ยเกณฑ์ {code} ของอำเภอบ้านโพธิ์ (เลขที่ {first}) ไม่ตรง: "
        f"คำนวณได้ {(sums / counted).numerator}/{(sums / counted).denominator}",
        f"The mean on criterion {code} of บ้านโพธิ์ (nomination {first}) disagrees",
    )
    # The first two places swapped, means and all: the order gives it away.
    bundle = copy.deepcopy(published)
    bundle["ranking"][0], bundle["ranking"][1] = bundle["ranking"][1], bundle["ranking"][0]
    bundle["ranking"][0]["rank"], bundle["ranking"][1]["rank"] = 1, 2
    disagrees(
        run(tmp_path, bundle),
        "ตำแหน่งที่ 1 ของลำดับผล (ranking) ควรเป็นอำเภอบ้านโพธิ์",
        f"Place 1 of the ranking should be บ้านโพธิ์ (nomination {first})",
    )
    # The recusal hidden: one more sheet counted than the conflicts allow for.
    bundle = copy.deepcopy(published)
    recused = next(d for d in bundle["dossiers"] if d["recused"])
    recused["recused"] = 0
    disagrees(run(tmp_path, bundle), "การงดพิจารณา (recused)", "but conflicts.upheld is 1")


def test_the_public_page_serves_this_verifier():
    from django.contrib.staticfiles import finders

    assert Path(finders.find("results/rangwan_verify.py")) == VERIFIER
