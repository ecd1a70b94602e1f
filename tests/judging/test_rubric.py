import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from rangwan.core.thai import arabic_digits
from rangwan.judging.forms import CriterionForm
from rangwan.judging.queries import check_rubric
from rangwan.judging.rubric import CriterionRow, rubric_problems, stated_points
from rangwan.judging.services import save_rubric
from tests.factories import ProgrammeFactory

HERE = Path(__file__).parent
SEED = HERE.parents[1].parent / "shared" / "seed" / "000_bbb4ce9c7e045887.txt"
SEED_TABLE = HERE / "seed_scoring_table.txt"
CODE = re.compile(r"^([0-9]+(?:\.[0-9]+)*)\.?\s")


def parse_scoring_table(text: str) -> tuple[Decimal, list[dict]]:
    """Read the seed's เกณฑ์การพิจารณา table (tab-separated: item, points) as it stands."""
    declared_total = None
    criteria: list[dict] = []
    for line in text.splitlines()[1:]:  # the first line is the header: รายการ, คะแนน
        item, _tab, points = line.partition("\t")
        item, points = arabic_digits(item).strip(), arabic_digits(points).strip()
        if item == "รวม":
            declared_total = Decimal(points)
            continue
        match = CODE.match(item)
        if not match:  # a description line under the criterion above it
            criteria[-1]["description_th"] = item
            continue
        code = match.group(1)
        max_points = Decimal(points) if points else stated_points(item)[0]
        parent = code.rsplit(".", 1)[0] if "." in code else None
        criteria.append(
            {"code": code, "parent": parent, "title_th": item, "max_points": max_points}
        )
    return declared_total, criteria


def test_fixture_is_the_seed_table_verbatim():
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside this checkout")
    seed_text = SEED.read_text(encoding="utf-8")
    assert SEED_TABLE.read_text(encoding="utf-8").strip() in seed_text


@pytest.mark.django_db
def test_seed_scoring_table_is_refused_naming_the_discrepancy():
    declared_total, criteria = parse_scoring_table(SEED_TABLE.read_text(encoding="utf-8"))
    assert declared_total == 100
    rubric = save_rubric(
        programme=ProgrammeFactory(), declared_total=declared_total, criteria=criteria
    )
    with translation.override("th"):
        problems = check_rubric(rubric)
    assert problems[0] == (
        "ผลรวมคะแนนเต็ม 110 ไม่เท่ากับคะแนนรวมที่ประกาศ 100: หมวด 1 = 10, หมวด 2 = 50, หมวด 3 = 50"
    )
    # Rows 2.4 and 2.5 say "(๑๕ คะแนน)" while the points column says 10.
    assert "ข้อ 2.4: ข้อความระบุ 15 คะแนน แต่คะแนนเต็มคือ 10" in problems
    assert "ข้อ 2.5: ข้อความระบุ 15 คะแนน แต่คะแนนเต็มคือ 10" in problems
    assert len(problems) == 3


@pytest.mark.django_db
def test_seed_discrepancy_is_named_in_english_too():
    declared_total, criteria = parse_scoring_table(SEED_TABLE.read_text(encoding="utf-8"))
    rubric = save_rubric(
        programme=ProgrammeFactory(), declared_total=declared_total, criteria=criteria
    )
    with translation.override("en"):
        problems = check_rubric(rubric)
    assert problems[0] == (
        "The maxima add up to 110, not the declared total 100: "
        "part 1 = 10, part 2 = 50, part 3 = 50"
    )


def test_demo_rubric_adds_up(demo):
    assert check_rubric(demo.rubric) == []
    top = demo.rubric.criteria.filter(parent=None)
    assert [(c.code, c.max_points) for c in top] == [("1", 10), ("2", 50), ("3", 40)]
    assert demo.rubric.criteria.filter(parent__code="2").count() == 5


def test_part_whose_items_do_not_add_up_is_named():
    rows = [
        CriterionRow("1", "หมวด 1", Decimal(60)),
        CriterionRow("1.1", "ข้อ 1.1", Decimal(30), "1"),
        CriterionRow("1.2", "ข้อ 1.2", Decimal(25), "1"),
        CriterionRow("2", "หมวด 2", Decimal(40)),
    ]
    with translation.override("th"):
        problems = rubric_problems(Decimal(100), rows)
    assert problems == ["หมวด 1: คะแนนเต็ม 60 ไม่เท่ากับผลรวมของข้อย่อย 55: ข้อ 1.1 = 30, ข้อ 1.2 = 25"]


def test_half_points_are_shown_without_trailing_zeros():
    rows = [CriterionRow("1", "ก", Decimal("7.50")), CriterionRow("2", "ข", Decimal("2.00"))]
    with translation.override("th"):
        assert rubric_problems(Decimal(10), rows) == [
            "ผลรวมคะแนนเต็ม 9.5 ไม่เท่ากับคะแนนรวมที่ประกาศ 10: หมวด 1 = 7.5, หมวด 2 = 2"
        ]


def test_duplicate_codes_and_missing_parents_are_named():
    rows = [
        CriterionRow("1", "ก", Decimal(50)),
        CriterionRow("1", "ข", Decimal(50)),
        CriterionRow("2.1", "ค", Decimal(0), "2"),
    ]
    with translation.override("en"):
        problems = rubric_problems(Decimal(100), rows)
    assert "Code 1 is used twice." in problems
    assert "Item 2.1 belongs to 2, which does not exist." in problems


def test_secretariat_fixes_the_rubric_in_the_editor(client_as, users, demo):
    client = client_as(users["secretariat"])
    url = reverse("judging:rubric_edit", args=[demo.pk])
    page = client.get(url)
    assert page.status_code == 200
    formset = page.context["formset"]
    data = {"declared_total": "100", **_management(formset, len(formset.forms))}
    for i, form in enumerate(formset.forms):
        for name in CriterionForm.base_fields:
            if name == "DELETE":
                continue
            value = form.initial.get(name, "")
            data[f"criteria-{i}-{name}"] = "" if value is None else str(value)
    # Give the joint work 50: the rubric no longer adds up, and the page says where.
    last = len(formset.forms) - 2
    assert data[f"criteria-{last}-code"] == "3"
    data[f"criteria-{last}-max_points"] = "50"
    response = client.post(url, data)
    assert response.status_code == 302
    # Everything not changed is kept, descriptions included.
    assert demo.rubric.criteria.get(code="2.2").description_th.startswith("การปฏิบัติตนในการยืนหยัด")
    detail = client.get(reverse("judging:rubric", args=[demo.pk])).content.decode()
    assert "ผลรวมคะแนนเต็ม 110 ไม่เท่ากับคะแนนรวมที่ประกาศ 100" in detail
    assert "หมวด 3 = 50" in detail


def test_rubric_editor_refuses_a_duplicate_code(client_as, users, demo):
    client = client_as(users["secretariat"])
    url = reverse("judging:rubric_edit", args=[demo.pk])
    data = {
        "declared_total": "100",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-code": "1",
        "criteria-0-title_th": "ก",
        "criteria-0-max_points": "50",
        "criteria-1-code": "1",
        "criteria-1-title_th": "ข",
        "criteria-1-max_points": "50",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "รหัส 1 ถูกใช้ซ้ำ" in response.content.decode()
    assert demo.rubric.criteria.count() == 8  # nothing was replaced


def _management(formset, total):
    return {
        "criteria-TOTAL_FORMS": str(total),
        "criteria-INITIAL_FORMS": str(formset.initial_form_count()),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
