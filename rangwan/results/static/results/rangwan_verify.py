#!/usr/bin/env python3
"""Check a published Rangwan results bundle (format rangwan-results-bundle/1) yourself.

    python3 rangwan_verify.py BUNDLE [DIGEST] [--key HEX]

BUNDLE is the bundle's file or its http(s) address; DIGEST the SHA-256 printed on the
announcement (64 hex digits; optional, but without it you must compare the digest this
prints yourself); --key the commitment key, if you were given it as an auditor.

It needs Python 3.9 or later and nothing else: only the standard library, no Rangwan.
Read it before you trust it; it is short. It checks, stopping at the first problem:
  1. the file is JSON without floating-point numbers or duplicate keys; the SHA-256 of
     its RFC 8785 (JSON Canonicalization Scheme) form equals DIGEST;
  2. the rules the bundle states hold: the rubric's maxima add up to the declared total,
     every sheet scores every criterion and nothing else, within 0..max and in steps of
     score_step, sheets are labelled 1, 2, 3... in the documented order, no dossier has
     more sheets and recusals than there are seats, conflicts add up;
  3. the ranking follows from the sheets: every mean, total, rank, tie-break and tie is
     computed again with exact fractions (never floating point) and compared entry by
     entry; final results also need the quorum on every dossier and no tie left;
  4. with --key: every commitment opens to one seat, and no seat scored a dossier twice.
Every line it prints is in Thai, then English. Exit status: 0 the bundle agrees, 1 it
does not (the first disagreement is named), 2 bad usage or unreadable input.

The rules are those of docs/TRANSPARENCY.md in Rangwan's source.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sys
import urllib.error
import urllib.request
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

FORMAT = "rangwan-results-bundle/1"
LARGEST_EXACT_INTEGER = 2**53 - 1  # RFC 8785 writes numbers as IEEE doubles do
POINTS = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")  # "10", "9.5", "0.25"; not "9.50"
NEGATIVE = re.compile(r"-[0-9]+(\.[0-9]+)?")
HEX64 = re.compile(r"[0-9a-f]{64}")

USAGE_TH = (
    "วิธีใช้: python3 rangwan_verify.py ไฟล์หรือที่อยู่ของชุดข้อมูล [SHA-256 ที่ประกาศ] [--key กุญแจฐานสิบหก]"
)
USAGE_EN = "Usage: python3 rangwan_verify.py BUNDLE [DIGEST] [--key HEX]"


class Disagreement(Exception):
    """The bundle is not what it claims to be: exit status 1."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(english)
        self.thai, self.english = thai, english


class Unusable(Exception):
    """Bad usage, or input that cannot be read as JSON at all: exit status 2."""

    def __init__(self, thai: str, english: str) -> None:
        super().__init__(english)
        self.thai, self.english = thai, english


def say(thai: str, english: str) -> None:
    print(f"{thai} / {english}")


def disagree(thai: str, english: str) -> Disagreement:
    return Disagreement(thai, english)


# -- 1. Reading the bytes, parsing strictly, RFC 8785 and the digest ----------------------


def read_source(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        try:
            # Only http(s), checked just above: no file:// or other schemes.
            with urllib.request.urlopen(source, timeout=60) as response:  # noqa: S310
                return response.read()
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise Unusable(
                f"ดาวน์โหลดชุดข้อมูลจาก {source} ไม่ได้: {error}",
                f"Cannot download the bundle from {source}: {error}",
            ) from None
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise Unusable(
            f"อ่านไฟล์ {source} ไม่ได้: {error.strerror or error}",
            f"Cannot read the file {source}: {error.strerror or error}",
        ) from None


def _utf16_order(pair: tuple[str, object]) -> bytes:
    # RFC 8785 sorts keys by their UTF-16 code units; big-endian UTF-16 bytes compare the
    # same way. (For ASCII keys this is the ordinary order.)
    return pair[0].encode("utf-16-be", "surrogatepass")


def _object(pairs: list[tuple[str, object]]) -> dict:
    """Each JSON object: duplicate keys refused, members kept in RFC 8785 order."""
    seen = set()
    for key, _value in pairs:
        if key in seen:
            raise disagree(
                f'ชื่อช่อง "{key}" ซ้ำกันในออบเจกต์เดียวกัน: JSON ที่มีชื่อซ้ำอ่านได้มากกว่าหนึ่งความหมาย จึงไม่รับ',
                f'The key "{key}" appears twice in one object: JSON with duplicate keys can '
                "be read more than one way, so it is refused",
            )
        seen.add(key)
    pairs.sort(key=_utf16_order)
    return dict(pairs)


def _float(text: str):
    raise disagree(
        f"พบตัวเลขทศนิยม {text} ในชุดข้อมูล: รูปแบบ {FORMAT} ไม่มีตัวเลขทศนิยมเลย "
        '(คะแนนเขียนเป็นข้อความ เช่น "9.5" ค่าที่แม่นยำเขียนเป็นเศษส่วน เช่น "856/9")',
        f"A floating-point number {text} in the bundle: format {FORMAT} has none "
        '(points are strings such as "9.5", exact values fractions such as "856/9")',
    )


def _constant(text: str):
    raise disagree(
        f"พบค่า {text} ในชุดข้อมูล ซึ่งไม่ใช่ JSON ที่ถูกต้อง",
        f"The bundle holds {text}, which is not valid JSON",
    )


def _integer(text: str) -> int:
    value = int(text) if len(text) <= 20 else None
    if value is None or abs(value) > LARGEST_EXACT_INTEGER:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise disagree(
            f"จำนวนเต็ม {shown} เกินขอบเขตที่ RFC 8785 เขียนได้ตรงตัว (±(2^53−1))",
            f"The integer {shown} is outside what RFC 8785 writes exactly (±(2^53−1))",
        )
    return value


def parse(data: bytes):
    """The JSON value, refusing floats, NaN/Infinity, duplicate keys and huge integers."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unusable(
            f"อ่านชุดข้อมูลไม่ได้: ไม่ใช่ข้อความ UTF-8 ({error})",
            f"Cannot read the bundle: not UTF-8 text ({error})",
        ) from None
    try:
        return json.loads(
            text,
            object_pairs_hook=_object,
            parse_float=_float,
            parse_int=_integer,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise Unusable(
            f"อ่านชุดข้อมูลไม่ได้: ไม่ใช่ JSON ({error})",
            f"Cannot read the bundle: not JSON ({error})",
        ) from None


def canonical(value) -> bytes:
    """RFC 8785 for what a bundle may hold (strings, integers within ±(2**53-1), booleans,
    null, arrays, objects). Objects already hold their members in RFC 8785 order (see
    _object), and json.dumps writes strings as RFC 8785 does when ensure_ascii is off:
    only '"', '\\' and U+0000..U+001F escaped, \\b \\t \\n \\f \\r short, others \\u00xx."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise disagree(
            "ในชุดข้อมูลมีข้อความที่ไม่ใช่ Unicode ที่ถูกต้อง (surrogate เดี่ยว)",
            "A string in the bundle is not valid Unicode (an unpaired surrogate)",
        ) from None


# -- Reading fields, with a clear message when one is missing or of the wrong kind --------

KINDS = {
    str: ("ข้อความ", "a string"),
    int: ("จำนวนเต็ม", "an integer"),
    bool: ("ค่าจริงหรือเท็จ", "true or false"),
    list: ("รายการ (array)", "an array"),
    dict: ("ออบเจกต์ (object)", "an object"),
}


def is_kind(value, kind) -> bool:
    if kind is int:  # true and false are not integers here
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def get(obj: dict, name: str, kind, where: str, *, nullable: bool = False):
    path = f"{where}.{name}" if where else name
    value = obj.get(name) if isinstance(obj, dict) else None
    if value is None and nullable and isinstance(obj, dict) and name in obj:
        return None
    if not is_kind(value, kind):
        thai, english = KINDS[kind]
        if nullable:
            thai, english = f"{thai}หรือ null", f"{english} or null"
        raise disagree(
            f"ช่อง {path} ในชุดข้อมูลไม่มี หรือไม่ใช่{thai}",
            f"The bundle's field {path} is missing or not {english}",
        )
    return value


def points_value(text, describe) -> Fraction:
    """A points string ("9.5", "10") as an exact Fraction; `describe` names it."""
    if isinstance(text, str) and POINTS.fullmatch(text):
        return Fraction(text)
    thai, english = describe()
    if isinstance(text, str) and NEGATIVE.fullmatch(text):
        raise disagree(f"{thai} คือ {text} ต่ำกว่า 0", f"{english} is {text}, below 0")
    shown = json.dumps(text, ensure_ascii=False)
    raise disagree(
        f'{thai} เขียนว่า {shown} ซึ่งไม่ใช่ตัวเลขแบบข้อความตามรูปแบบ (เช่น "10" หรือ "9.5" '
        "ไม่มีเลขศูนย์ท้ายทศนิยม)",
        f'{english} is {shown}, not points written as the format requires (such as "10" '
        'or "9.5", no trailing zeros)',
    )


def fraction_text(value: Fraction) -> str:
    """The bundle's way of writing an exact value: "856/9", "10/1"."""
    return f"{value.numerator}/{value.denominator}"


def decimal_text(value: Fraction) -> str:
    """For messages only: a sum of points such as 110 or 9.5 as a plain decimal."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format(exact.normalize(), "f")


def who(dossier: dict) -> tuple[str, str]:
    name, nomination = dossier["district_name"], dossier["nomination"]
    return f"อำเภอ{name} (เลขที่ {nomination})", f"{name} (nomination {nomination})"


def shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def written(value) -> str:
    """A value as the bundle wrote it: a string as it is, anything else as JSON."""
    return value if isinstance(value, str) else shown(value)


# -- 2. The rules the bundle states --------------------------------------------------------


def check_header(bundle) -> None:
    if not isinstance(bundle, dict):
        raise disagree("ชุดข้อมูลต้องเป็นออบเจกต์ JSON หนึ่งก้อน", "The bundle must be one JSON object")
    found = bundle.get("format")
    if found != FORMAT:
        raise disagree(
            f'รูปแบบของชุดข้อมูล (format) คือ {shown(found)} ไม่ใช่ "{FORMAT}" ที่โปรแกรมนี้ตรวจได้',
            f'The bundle\'s format is {shown(found)}, not "{FORMAT}", which this checks',
        )
    status = get(bundle, "status", str, "")
    if status not in ("final", "provisional"):
        raise disagree(
            f'สถานะ (status) {shown(status)} ต้องเป็น "final" หรือ "provisional"',
            f'The status {shown(status)} must be "final" or "provisional"',
        )
    finalised_at = get(bundle, "finalised_at", str, "", nullable=True)
    if status == "final" and finalised_at is None:
        raise disagree(
            "ผลสิ้นสุด (final) ต้องมีเวลาที่ยืนยันผล (finalised_at) แต่ในชุดข้อมูลเป็น null",
            "Final results need a finalised_at time; the bundle has null",
        )
    if status == "provisional" and finalised_at is not None:
        raise disagree(
            f"ผลเบื้องต้น (provisional) ต้องยังไม่มีเวลาที่ยืนยันผล แต่ finalised_at คือ {finalised_at}",
            f"Provisional results have no finalised_at yet; the bundle has {finalised_at}",
        )
    programme = get(bundle, "programme", dict, "")
    get(programme, "name", str, "programme")
    get(programme, "fiscal_year", int, "programme")


def check_rubric(bundle: dict) -> dict[str, Fraction]:
    """The criteria in rubric order, code -> maximum."""
    rubric = get(bundle, "rubric", dict, "")
    declared_text = get(rubric, "declared_total", str, "rubric")
    declared = points_value(
        declared_text, lambda: ("คะแนนรวมที่ประกาศ (declared_total)", "The declared total")
    )
    criteria = get(rubric, "criteria", list, "rubric")
    if not criteria:
        raise disagree("เกณฑ์การให้คะแนนไม่มีเกณฑ์ใดเลย", "The rubric has no criteria")
    maxima: dict[str, Fraction] = {}
    for index, criterion in enumerate(criteria):
        code = get(criterion, "code", str, f"rubric.criteria[{index}]")
        if code in maxima:
            raise disagree(
                f"รหัสเกณฑ์ {code} ซ้ำกันในเกณฑ์การให้คะแนน",
                f"Criterion code {code} appears twice in the rubric",
            )
        maxima[code] = points_value(
            criterion.get("max"),
            lambda code=code: (f"คะแนนเต็มของเกณฑ์ {code}", f"The maximum of criterion {code}"),
        )
    total = sum(maxima.values(), Fraction(0))
    if total != declared:
        raise disagree(
            f"คะแนนเต็มของทุกเกณฑ์รวมกันได้ {decimal_text(total)} "
            f"ไม่เท่ากับคะแนนรวมที่ประกาศ {declared_text}",
            f"The criteria's maxima add up to {decimal_text(total)}, "
            f"not the declared total {declared_text}",
        )
    return maxima


def check_rules(bundle: dict, maxima: dict[str, Fraction]) -> dict:
    rules = get(bundle, "rules", dict, "")
    step_text = get(rules, "score_step", str, "rules")
    step = points_value(step_text, lambda: ("ช่วงคะแนน (score_step)", "The score step"))
    if step <= 0:
        raise disagree(
            f"ช่วงคะแนน (score_step) {step_text} ต้องมากกว่า 0",
            f"The score step {step_text} must be above 0",
        )
    seats = get(rules, "seats", int, "rules")
    if seats < 1:
        raise disagree(
            f"จำนวนที่นั่งกรรมการ (seats) {seats} ต้องมีอย่างน้อย 1",
            f"The number of seats {seats} must be at least 1",
        )
    quorum = get(rules, "quorum", int, "rules")
    if not 0 <= quorum <= seats:
        raise disagree(
            f"องค์ประชุม (quorum) {quorum} ต้องอยู่ระหว่าง 0 ถึงจำนวนที่นั่ง {seats}",
            f"The quorum {quorum} must lie between 0 and the {seats} seats",
        )
    links = []
    for index, link in enumerate(get(rules, "tie_break", list, "rules")):
        where = f"rules.tie_break[{index}]"
        label = get(link, "label", str, where)
        codes = get(link, "codes", list, where)
        for code in codes:
            if not isinstance(code, str) or code not in maxima:
                raise disagree(
                    f"ลำดับการตัดสินเมื่อคะแนนเท่ากันข้อ {shown(label)} อ้างถึงเกณฑ์ {shown(code)} "
                    "ซึ่งไม่มีในเกณฑ์การให้คะแนน",
                    f"The tie-break link {shown(label)} names criterion {shown(code)}, "
                    "which is not in the rubric",
                )
        links.append((label, list(codes)))
    committee = get(bundle, "committee", list, "")
    if len(committee) != seats:
        raise disagree(
            f"รายชื่อกรรมการ (committee) มี {len(committee)} ที่นั่ง แต่ rules.seats คือ {seats}",
            f"The committee lists {len(committee)} seats, but rules.seats is {seats}",
        )
    return {"step": step, "step_text": step_text, "seats": seats, "quorum": quorum, "links": links}


def check_conflicts(bundle: dict) -> tuple[int, int]:
    conflicts = get(bundle, "conflicts", dict, "")
    declared = get(conflicts, "declared", int, "conflicts")
    upheld = get(conflicts, "upheld", int, "conflicts")
    if not 0 <= upheld <= declared:
        raise disagree(
            f"ส่วนได้เสียที่วินิจฉัยว่ามีจริง (upheld) {upheld} รายการ "
            f"ต้องไม่ติดลบและไม่เกินที่แจ้งไว้ (declared) {declared} รายการ",
            f"The {upheld} conflicts upheld must be at least 0 and at most the {declared} declared",
        )
    return declared, upheld


def check_sheets(dossier: dict, index: int, maxima: dict, rules: dict, cache: dict) -> list:
    """The points of each sheet of one dossier, in rubric order, checked."""
    who_th, who_en = who(dossier)
    sheets = get(dossier, "sheets", list, f"dossiers[{index}]")
    step, step_text = rules["step"], rules["step_text"]
    rows = []
    for number, sheet in enumerate(sheets):
        where = f"dossiers[{index}].sheets[{number}]"
        label = get(sheet, "label", int, where)
        points = get(sheet, "points", dict, where)
        commitment = get(sheet, "commitment", str, where)
        for code in maxima:
            if code not in points:
                raise disagree(
                    f"แบบให้คะแนนที่ {label} ของ{who_th} ไม่มีคะแนนเกณฑ์ {code}",
                    f"Sheet {label} of {who_en} gives no points for criterion {code}",
                )
        for code in points:
            if code not in maxima:
                raise disagree(
                    f"แบบให้คะแนนที่ {label} ของ{who_th} มีคะแนนเกณฑ์ {shown(code)} "
                    "ซึ่งไม่มีในเกณฑ์การให้คะแนน",
                    f"Sheet {label} of {who_en} gives points for criterion {shown(code)}, "
                    "which is not in the rubric",
                )
        values = []
        for code, maximum in maxima.items():
            text = points[code]
            value = cache.get((code, text)) if isinstance(text, str) else None
            if value is None:  # each distinct (criterion, points) is checked once

                def describe(code=code, label=label):
                    return (
                        f"คะแนนเกณฑ์ {code} ในแบบให้คะแนนที่ {label} ของ{who_th}",
                        f"Criterion {code} on sheet {label} of {who_en}",
                    )

                value = points_value(text, describe)
                if value > maximum:
                    thai, english = describe()
                    raise disagree(
                        f"{thai} คือ {text} เกินคะแนนเต็ม {decimal_text(maximum)}",
                        f"{english} is {text}, above its maximum {decimal_text(maximum)}",
                    )
                if (value / step).denominator != 1:
                    thai, english = describe()
                    raise disagree(
                        f"{thai} คือ {text} ซึ่งไม่ลงตัวกับช่วงคะแนนทีละ {step_text}",
                        f"{english} is {text}, not a multiple of the score step {step_text}",
                    )
                cache[(code, text)] = value
            values.append(value)
        if not HEX64.fullmatch(commitment):
            raise disagree(
                f"ค่า commitment ของแบบให้คะแนนที่ {label} ของ{who_th} ไม่ใช่เลขฐานสิบหกตัวพิมพ์เล็ก 64 หลัก",
                f"The commitment of sheet {label} of {who_en} is not 64 lowercase hex digits",
            )
        rows.append((label, tuple(values), commitment))
    return rows


def check_labels(dossier: dict, rows: list) -> None:
    """Labels 1..n, in the order of the points (rubric order, as numbers), then of the
    commitment; and no two sheets with one commitment (that would be one seat twice)."""
    who_th, who_en = who(dossier)
    labels = sorted(label for label, _values, _commitment in rows)
    for place in range(1, len(labels)):
        if labels[place] == labels[place - 1]:
            label = labels[place]
            raise disagree(
                f"{who_th} มีแบบให้คะแนนที่ติดป้าย {label} สองแบบ",
                f"{who_en} has two sheets labelled {label}",
            )
    if labels != list(range(1, len(rows) + 1)):
        raise disagree(
            f"แบบให้คะแนนของ{who_th} ต้องติดป้าย 1 ถึง {len(rows)} แต่พบ {labels}",
            f"The sheets of {who_en} must be labelled 1 to {len(rows)}; found {labels}",
        )
    in_order = sorted(rows, key=lambda row: (row[1], row[2]))
    for place, (label, _values, _commitment) in enumerate(in_order, 1):
        if label != place:
            raise disagree(
                f"แบบให้คะแนนของ{who_th} ติดป้ายไม่ตามลำดับที่กำหนด (เรียงตามคะแนนทีละเกณฑ์"
                f"จากน้อยไปมาก แล้วตาม commitment): แบบที่ติดป้าย {label} ควรติดป้าย {place}",
                f"The sheets of {who_en} are not labelled in the documented order (by points, "
                f"criterion by criterion, lowest first, then by commitment): the sheet "
                f"labelled {label} should be {place}",
            )
    by_commitment: dict[str, int] = {}
    for label, _values, commitment in in_order:
        if commitment in by_commitment:
            raise disagree(
                f"แบบให้คะแนนที่ {by_commitment[commitment]} และ {label} ของ{who_th} "
                "มี commitment เดียวกัน: กรรมการคนเดียวถูกนับสองครั้ง",
                f"Sheets {by_commitment[commitment]} and {label} of {who_en} carry the same "
                "commitment: one seat counted twice",
            )
        by_commitment[commitment] = label


def check_dossiers(bundle: dict, maxima: dict, rules: dict, upheld: int) -> list[dict]:
    """Each dossier with its checked sheets: [{"dossier", "rows", "sums", "counted"}]."""
    dossiers = get(bundle, "dossiers", list, "")
    seen: set[int] = set()
    cache: dict = {}
    checked = []
    recused_total = 0
    for index, dossier in enumerate(dossiers):
        where = f"dossiers[{index}]"
        nomination = get(dossier, "nomination", int, where)
        get(dossier, "district_name", str, where)
        who_th, who_en = who(dossier)
        if nomination in seen:
            raise disagree(
                f"การเสนอชื่อเลขที่ {nomination} มีแบบเสนอผลงานมากกว่าหนึ่งชุดในชุดข้อมูล",
                f"Nomination {nomination} has more than one dossier in the bundle",
            )
        seen.add(nomination)
        recused = get(dossier, "recused", int, where)
        if recused < 0:
            raise disagree(
                f"จำนวนกรรมการที่งดพิจารณา (recused) ของ{who_th} คือ {recused} ติดลบ",
                f"The recused count of {who_en} is {recused}, below 0",
            )
        rows = check_sheets(dossier, index, maxima, rules, cache)
        check_labels(dossier, rows)
        counted = len(rows)
        if counted + recused > rules["seats"]:
            raise disagree(
                f"{who_th} มีแบบให้คะแนนที่นับ {counted} แบบ และกรรมการงดพิจารณา {recused} คน "
                f"รวม {counted + recused} เกินจำนวนที่นั่ง {rules['seats']}",
                f"{who_en} has {counted} counted sheets and {recused} recused members, "
                f"{counted + recused} in all, more than the {rules['seats']} seats",
            )
        recused_total += recused
        # Each criterion's sum over the counted sheets, added once, exactly.
        sums = dict.fromkeys(maxima, Fraction(0))
        for _label, values, _commitment in rows:
            for place, code in enumerate(maxima):
                sums[code] += values[place]
        checked.append({"dossier": dossier, "rows": rows, "sums": sums, "counted": counted})
    if recused_total != upheld:
        raise disagree(
            f"การงดพิจารณา (recused) ของทุกแบบเสนอผลงานรวมกันได้ {recused_total} ครั้ง "
            f"แต่ส่วนได้เสียที่วินิจฉัยว่ามีจริง (conflicts.upheld) มี {upheld} รายการ "
            "(หนึ่งรายการทำให้กรรมการหนึ่งคนงดพิจารณาแบบเสนอผลงานหนึ่งชุด)",
            f"The dossiers' recusals add up to {recused_total}, but conflicts.upheld is "
            f"{upheld} (each upheld conflict recuses one member from one dossier)",
        )
    return checked


def check_votes(bundle: dict, checked: list[dict]) -> dict[int, int]:
    nominations = {entry["dossier"]["nomination"] for entry in checked}
    votes: dict[int, int] = {}
    for index, vote in enumerate(get(bundle, "votes", list, "")):
        nomination = get(vote, "nomination", int, f"votes[{index}]")
        count = get(vote, "votes", int, f"votes[{index}]")
        if nomination not in nominations:
            raise disagree(
                f"มติเมื่อคะแนนเท่ากัน (votes) ให้คะแนนเสียงแก่การเสนอชื่อเลขที่ {nomination} "
                "ซึ่งไม่มีในแบบเสนอผลงาน",
                f"The votes name nomination {nomination}, which has no dossier",
            )
        if nomination in votes:
            raise disagree(
                f"มติเมื่อคะแนนเท่ากัน (votes) มีการเสนอชื่อเลขที่ {nomination} ซ้ำ",
                f"The votes list nomination {nomination} twice",
            )
        if count < 0:
            raise disagree(
                f"คะแนนเสียงของการเสนอชื่อเลขที่ {nomination} คือ {count} ติดลบ",
                f"The votes for nomination {nomination} are {count}, below 0",
            )
        votes[nomination] = count
    return votes


# -- 3. The ranking, computed again --------------------------------------------------------


def compute_ranking(checked: list[dict], rules: dict, votes: dict[int, int]) -> list[dict]:
    """docs/TRANSPARENCY.md, "How the ranking follows from the sheets", step by step."""
    links = rules["links"]
    entries = []
    for item in checked:
        dossier, sums, counted = item["dossier"], item["sums"], item["counted"]

        def mean_of(total: Fraction, counted: int = counted) -> Fraction:
            return total / counted if counted else Fraction(0)

        means = {code: mean_of(value) for code, value in sums.items()}
        total = mean_of(sum(sums.values(), Fraction(0)))
        keys = [total]
        for _label, codes in links:
            if codes:
                keys.append(mean_of(sum((sums[code] for code in codes), Fraction(0))))
            else:  # no codes: the committee's recorded vote
                keys.append(Fraction(votes.get(dossier["nomination"], 0)))
        entries.append(
            {
                "dossier": dossier,
                "nomination": dossier["nomination"],
                "counted": counted,
                "means": means,
                "total": total,
                "keys": tuple(keys),
                "rank": 0,
                "decided_by": "",
                "tied": False,
            }
        )
    # Highest first; Python's sort is stable, also with reverse=True: equal keys keep the
    # order of "dossiers".
    entries.sort(key=lambda entry: entry["keys"], reverse=True)
    for place, entry in enumerate(entries, 1):
        if place == 1:
            entry["rank"] = 1
            continue
        above = entries[place - 2]
        if entry["keys"] == above["keys"]:
            entry["rank"] = above["rank"]
            entry["tied"] = above["tied"] = True
            continue
        entry["rank"] = place
        if entry["total"] == above["total"]:
            depth = next(
                link
                for link in range(1, len(entry["keys"]))
                if entry["keys"][link] != above["keys"][link]
            )
            label = links[depth - 1][0]
            above["decided_by"] = above["decided_by"] or label
            entry["decided_by"] = label
    return entries


def compare_ranking(bundle: dict, checked: list[dict], expected: list[dict]) -> None:
    ranking = get(bundle, "ranking", list, "")
    dossiers = {item["dossier"]["nomination"]: item["dossier"] for item in checked}
    found: dict[int, dict] = {}
    for index, entry in enumerate(ranking):
        where = f"ranking[{index}]"
        nomination = get(entry, "nomination", int, where)
        if nomination not in dossiers:
            raise disagree(
                f"ลำดับผล (ranking) มีการเสนอชื่อเลขที่ {nomination} ซึ่งไม่มีในแบบเสนอผลงาน",
                f"The ranking lists nomination {nomination}, which has no dossier",
            )
        if nomination in found:
            raise disagree(
                f"ลำดับผล (ranking) มีการเสนอชื่อเลขที่ {nomination} ซ้ำ",
                f"The ranking lists nomination {nomination} twice",
            )
        for name, kind in (("rank", int), ("total", str), ("means", dict), ("counted", int)):
            get(entry, name, kind, where)
        get(entry, "decided_by", str, where)
        get(entry, "tied", bool, where)
        found[nomination] = entry
    for nomination, dossier in dossiers.items():
        if nomination not in found:
            who_th, who_en = who(dossier)
            raise disagree(f"ลำดับผล (ranking) ไม่มี{who_th}", f"The ranking leaves out {who_en}")

    # First what each dossier scored, wherever the ranking placed it...
    computed = {entry["nomination"]: entry for entry in expected}
    for nomination, theirs in ((n, found[n]) for n in dossiers):
        entry = computed[nomination]
        who_th, who_en = who(entry["dossier"])
        if theirs["counted"] != entry["counted"]:
            raise disagree(
                f"จำนวนแบบให้คะแนนที่นับ (counted) ของ{who_th} ไม่ตรง: "
                f"นับได้ {entry['counted']} แต่ในชุดข้อมูลเขียนว่า {theirs['counted']}",
                f"The counted sheets of {who_en} disagree: the bundle has {entry['counted']} "
                f"sheets, its ranking says {theirs['counted']}",
            )
        if set(theirs["means"]) != set(entry["means"]):
            raise disagree(
                f"คะแนนเฉลี่ย (means) ของ{who_th} ต้องมีครบทุกเกณฑ์พอดี "
                f"({', '.join(entry['means'])}) แต่พบ ({', '.join(theirs['means'])})",
                f"The means of {who_en} must give exactly the rubric's criteria "
                f"({', '.join(entry['means'])}); found ({', '.join(theirs['means'])})",
            )
        for code, mean in entry["means"].items():
            if theirs["means"][code] != fraction_text(mean):
                raise disagree(
                    f"คะแนนเฉลี่ยเกณฑ์ {code} ของ{who_th} ไม่ตรง: คำนวณได้ {fraction_text(mean)} "
                    f"แต่ในชุดข้อมูลเขียนว่า {written(theirs['means'][code])}",
                    f"The mean on criterion {code} of {who_en} disagrees: computed "
                    f"{fraction_text(mean)}, the bundle says {written(theirs['means'][code])}",
                )
        if theirs["total"] != fraction_text(entry["total"]):
            raise disagree(
                f"คะแนนรวมของ{who_th} ไม่ตรง: คำนวณได้ {fraction_text(entry['total'])} "
                f"แต่ในชุดข้อมูลเขียนว่า {written(theirs['total'])}",
                f"The total of {who_en} disagrees: computed {fraction_text(entry['total'])}, "
                f"the bundle says {written(theirs['total'])}",
            )

    # ...then the order, the ranks, the tie-breaks and the ties.
    for place, entry in enumerate(expected, 1):
        theirs = ranking[place - 1]
        who_th, who_en = who(entry["dossier"])
        if theirs["nomination"] != entry["nomination"]:
            other_th, other_en = who(dossiers[theirs["nomination"]])
            raise disagree(
                f"ตำแหน่งที่ {place} ของลำดับผล (ranking) ควรเป็น{who_th} แต่ในชุดข้อมูลเป็น{other_th}",
                f"Place {place} of the ranking should be {who_en}; the bundle has {other_en}",
            )
        if theirs["rank"] != entry["rank"]:
            raise disagree(
                f"ลำดับที่ (rank) ของ{who_th} ไม่ตรง: คำนวณได้ {entry['rank']} "
                f"แต่ในชุดข้อมูลเขียนว่า {theirs['rank']}",
                f"The rank of {who_en} disagrees: computed {entry['rank']}, "
                f"the bundle says {theirs['rank']}",
            )
        if theirs["decided_by"] != entry["decided_by"]:
            raise disagree(
                f"เหตุที่ตัดสินลำดับ (decided_by) ของ{who_th} ไม่ตรง: คำนวณได้ "
                f"{shown(entry['decided_by'])} แต่ในชุดข้อมูลเขียนว่า {shown(theirs['decided_by'])}",
                f"What placed {who_en} (decided_by) disagrees: computed "
                f"{shown(entry['decided_by'])}, the bundle says {shown(theirs['decided_by'])}",
            )
        if theirs["tied"] != entry["tied"]:
            raise disagree(
                f"ค่าคะแนนเท่ากัน (tied) ของ{who_th} ไม่ตรง: คำนวณได้ {shown(entry['tied'])} "
                f"แต่ในชุดข้อมูลเขียนว่า {shown(theirs['tied'])}",
                f"Whether {who_en} is tied disagrees: computed {shown(entry['tied'])}, "
                f"the bundle says {shown(theirs['tied'])}",
            )


def check_final(bundle: dict, rules: dict, expected: list[dict]) -> None:
    if bundle["status"] != "final":
        return
    for entry in expected:
        who_th, who_en = who(entry["dossier"])
        if entry["counted"] < rules["quorum"]:
            raise disagree(
                f"ผลสิ้นสุดแล้ว แต่{who_th} มีแบบให้คะแนนที่นับเพียง {entry['counted']} แบบ "
                f"ไม่ถึงองค์ประชุม {rules['quorum']}",
                f"The results are final, but {who_en} has only {entry['counted']} counted "
                f"sheets, below the quorum of {rules['quorum']}",
            )
        if entry["tied"]:
            raise disagree(
                f"ผลสิ้นสุดแล้ว แต่{who_th} ยังมีคะแนนเท่ากับแบบเสนอผลงานอื่น "
                "หลังใช้ลำดับการตัดสินเมื่อคะแนนเท่ากันครบทุกข้อ",
                f"The results are final, but {who_en} is still level with another dossier "
                "after the whole tie-break chain",
            )


# -- 4. Opening the commitments ------------------------------------------------------------


def commitment(key: bytes, nomination: int, seat: int) -> str:
    """HMAC-SHA256 of the RFC 8785 form of {"nomination": N, "seat": S}, as Rangwan makes
    it (rangwan/results/bundle.py). The label is not part of it: the labels are ordered
    by the commitments, so they cannot be inside them."""
    message = canonical({"nomination": nomination, "seat": seat})
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def open_commitments(key: bytes, checked: list[dict], seats: int) -> None:
    for item in checked:
        dossier = item["dossier"]
        who_th, who_en = who(dossier)
        seat_of = {commitment(key, dossier["nomination"], s): s for s in range(1, seats + 1)}
        given: dict[int, int] = {}  # seat -> label
        for label, _values, sealed in sorted(item["rows"]):
            seat = seat_of.get(sealed)
            if seat is None:
                raise disagree(
                    f"แบบให้คะแนนที่ {label} ของ{who_th} ไม่ตรงกับกรรมการลำดับใดเลย "
                    f"(1 ถึง {seats}) ด้วยกุญแจที่ให้มา (กุญแจถูกต้องหรือไม่)",
                    f"Sheet {label} of {who_en} matches no seat (1 to {seats}) under the "
                    "given key (is it the right key?)",
                )
            if seat in given:
                raise disagree(
                    f"แบบให้คะแนนที่ {given[seat]} และ {label} ของ{who_th} "
                    f"มาจากกรรมการลำดับที่ {seat} คนเดียวกัน",
                    f"Sheets {given[seat]} and {label} of {who_en} both come from seat {seat}",
                )
            given[seat] = label
        pairs = sorted((label, seat) for seat, label in given.items())
        if pairs:
            thai = (f"แบบที่ {label} มาจากกรรมการลำดับที่ {seat}" for label, seat in pairs)
            english = (f"sheet {label} from seat {seat}" for label, seat in pairs)
            say(f"{who_th}: " + ", ".join(thai), f"{who_en}: " + ", ".join(english))
        else:
            say(f"{who_th}: ไม่มีแบบให้คะแนน", f"{who_en}: no sheets")


# -- Putting it together -------------------------------------------------------------------


def parse_arguments(argv: list[str]) -> tuple[str, str | None, bytes | None]:
    positional, key = [], None
    arguments = iter(argv)
    for argument in arguments:
        if argument in ("-h", "--help"):
            print(f"{USAGE_TH} / {USAGE_EN}")
            print(__doc__)
            raise SystemExit(0)
        if argument == "--key" or argument.startswith("--key="):
            text = argument[len("--key=") :] if "=" in argument else next(arguments, "")
            try:
                key = bytes.fromhex(text.strip())
            except ValueError:
                key = b""
            if len(key) != 32:
                raise Unusable(
                    "กุญแจ (--key) ต้องเป็นเลขฐานสิบหก 64 หลัก (256 บิต)",
                    "The key (--key) must be 64 hex digits (256 bits)",
                )
        elif argument.startswith("-") and argument != "-":
            raise Unusable(f"ไม่รู้จักตัวเลือก {argument}", f"Unknown option {argument}")
        else:
            positional.append(argument)
    if not 1 <= len(positional) <= 2:
        raise Unusable("ต้องระบุชุดข้อมูลหนึ่งชุด", "Give one bundle")
    digest = positional[1].strip().lower() if len(positional) == 2 else None
    if digest is not None and not HEX64.fullmatch(digest):
        raise Unusable(
            f"SHA-256 ที่ประกาศ ({positional[1]}) ต้องเป็นเลขฐานสิบหก 64 หลัก",
            f"The announced SHA-256 ({positional[1]}) must be 64 hex digits",
        )
    return positional[0], digest, key


def verify(source: str, digest: str | None, key: bytes | None) -> None:
    data = read_source(source)
    bundle = parse(data)
    form = canonical(bundle)
    computed = hashlib.sha256(form).hexdigest()
    say(
        f"SHA-256 ของชุดข้อมูล (รูป RFC 8785): {computed}",
        f"SHA-256 of the bundle (RFC 8785 form): {computed}",
    )
    if form != data:
        say(
            "หมายเหตุ: ไฟล์นี้ไม่ได้เขียนในรูป RFC 8785 พอดีทุกไบต์ (เช่น ช่องว่าง การขึ้นบรรทัด "
            "หรือลำดับชื่อช่อง) ไม่เป็นปัญหา เพราะ SHA-256 คิดจากรูป RFC 8785 ของข้อมูล; "
            f"SHA-256 ของตัวไฟล์เองคือ {hashlib.sha256(data).hexdigest()}",
            "Note: the file is not byte for byte its RFC 8785 form (spacing, line ends or key "
            "order, say); harmless, as the digest is taken over the RFC 8785 form; the "
            f"file's own SHA-256 is {hashlib.sha256(data).hexdigest()}",
        )
    if digest is not None and computed != digest:
        raise disagree(
            f"SHA-256 ไม่ตรงกับที่ประกาศ: คำนวณได้ {computed} แต่ที่ประกาศไว้คือ {digest}",
            f"The SHA-256 is not the announced one: computed {computed}, announced {digest}",
        )

    check_header(bundle)
    maxima = check_rubric(bundle)
    rules = check_rules(bundle, maxima)
    _declared, upheld = check_conflicts(bundle)
    checked = check_dossiers(bundle, maxima, rules, upheld)
    votes = check_votes(bundle, checked)
    expected = compute_ranking(checked, rules, votes)
    compare_ranking(bundle, checked, expected)
    check_final(bundle, rules, expected)
    if key is not None:
        open_commitments(key, checked, rules["seats"])

    if digest is None:
        say(
            "ไม่ได้ให้ SHA-256 ที่ประกาศมาเทียบ: โปรดเทียบค่า SHA-256 ข้างบนกับประกาศด้วยตนเอง",
            "No announced SHA-256 given: compare the SHA-256 above with the announcement yourself",
        )
    else:
        say("SHA-256 ตรงกับที่ประกาศ", "The SHA-256 is the announced one")
    programme = bundle["programme"]
    sheets = sum(item["counted"] for item in checked)
    first = [entry for entry in expected if entry["rank"] == 1]
    first_th = " และ".join(who(entry["dossier"])[0] for entry in first) or "ไม่มี"
    first_en = " and ".join(who(entry["dossier"])[1] for entry in first) or "none"
    status_th = {"final": "ผลสิ้นสุด", "provisional": "ผลเบื้องต้น"}[bundle["status"]]
    say(
        f"ผลตรงกัน: {programme['name']} ปีงบประมาณ {programme['fiscal_year']} {status_th} "
        f"แบบเสนอผลงาน {len(checked)} ชุด แบบให้คะแนน {sheets} แบบ อันดับ 1 {first_th} "
        f"SHA-256 {computed}",
        f"Agrees: {programme['name']} {programme['fiscal_year']}, {bundle['status']}, "
        f"{len(checked)} dossiers, {sheets} sheets, first: {first_en}, SHA-256 {computed}",
    )


def main(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show Thai (a Western Windows code page, say) gets escapes
        # for it rather than a crash; the English half of each line stays readable.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        source, digest, key = parse_arguments(argv)
    except Unusable as problem:
        print(f"{problem.thai} / {problem.english}", file=sys.stderr)
        print(f"{USAGE_TH} / {USAGE_EN}", file=sys.stderr)
        return 2
    try:
        verify(source, digest, key)
    except Unusable as problem:
        print(f"{problem.thai} / {problem.english}", file=sys.stderr)
        return 2
    except Disagreement as problem:
        say(f"ไม่ตรงกัน: {problem.thai}", f"Disagrees: {problem.english}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
