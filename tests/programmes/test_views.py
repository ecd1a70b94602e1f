import datetime as dt

import pytest
from django.urls import reverse

from rangwan.programmes.enums import StepStatus
from rangwan.programmes.models import Programme
from rangwan.programmes.services import copy_programme_to_next_year
from tests.factories import DistrictFactory, ProgrammeFactory


def test_dashboard_shows_the_programme_in_thai(client_as, users, demo):
    page = client_as(users["secretariat"]).get(reverse("reports:dashboard", args=[demo.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "๑ พัฒนากร ๑ เครือข่ายการพัฒนา ๒๕๖๘" in html
    assert "แผนการดำเนินงาน" in html
    assert "ภายใน ๑๕ มกราคม ๒๕๖๘" in html
    assert "ตัวชี้วัด 10.1" in html


def test_dashboard_marks_overdue_steps(client_as, users, demo, time_at):
    time_at(dt.date(2025, 5, 1))
    page = client_as(users["secretariat"]).get(reverse("reports:dashboard", args=[demo.pk]))
    html = page.content.decode()
    # Only step 4 (due 30 Apr) is late on 1 May; steps 1-3 are done.
    assert html.count('class="chip overdue"') == 2  # the summary chip and step 4
    assert "เลยกำหนด 1 ขั้นตอน" in html
    step4 = demo.steps.get(number=4)
    assert f'class="step not_started is-overdue" id="step-{step4.pk}"' in html


def test_dashboard_counts_days_to_the_next_deadline(client_as, users, demo, time_at):
    time_at(dt.date(2025, 2, 10))
    html = (
        client_as(users["secretariat"])
        .get(reverse("reports:dashboard", args=[demo.pk]))
        .content.decode()
    )
    assert "วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘" in html
    assert "เหลืออีก 4 วัน" in html


def test_step_updated_inline_returns_the_new_row(client_as, users, demo):
    step = demo.steps.get(number=4)
    client = client_as(users["secretariat"])
    url = reverse("programmes:step_edit", args=[demo.pk, step.pk])
    response = client.post(
        url,
        {
            "title": step.title,
            "responsible": step.responsible,
            "status": StepStatus.DONE,
            "done_on": "30/04/2568",
            "due_date": "30/04/2568",
            "remark": "ครบ ๑๑ อำเภอ",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="step-' in html and "ครบ ๑๑ อำเภอ" in html
    assert "ดำเนินการแล้ว" in html
    step.refresh_from_db()
    assert step.status == StepStatus.DONE


def test_step_marked_done_without_a_date_is_refused_in_thai(client_as, users, demo):
    step = demo.steps.get(number=4)
    response = client_as(users["secretariat"]).post(
        reverse("programmes:step_edit", args=[demo.pk, step.pk]),
        {
            "title": step.title,
            "responsible": step.responsible,
            "status": StepStatus.DONE,
            "done_on": "",
            "due_date": "30/04/2568",
            "remark": "",
        },
    )
    assert response.status_code == 200
    assert "กรุณาระบุวันที่ดำเนินการแล้วเสร็จ" in response.content.decode()
    step.refresh_from_db()
    assert step.status == StepStatus.NOT_STARTED


def test_programme_edit_refuses_deadlines_out_of_order(client_as, users, demo):
    client = client_as(users["secretariat"])
    url = reverse("programmes:edit", args=[demo.pk])
    form = client.get(url).context["form"]
    data = {
        name: (value.isoformat() if hasattr(value, "isoformat") else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["districts"] = [d.pk for d in demo.districts.all()]
    data["allowed_officer_kinds"] = [k.pk for k in demo.allowed_officer_kinds.all()]
    data["allowed_network_kinds"] = [k.pk for k in demo.allowed_network_kinds.all()]
    data["dossier_deadline"] = "1/2/2568"  # before the name notification deadline
    response = client.post(url, data)
    assert response.status_code == 200
    assert "กำหนดการต้องเรียงตามลำดับ" in response.content.decode()
    demo.refresh_from_db()
    assert demo.dossier_deadline == dt.date(2025, 4, 30)


def test_copy_page_creates_next_year_and_opens_it(client_as, users, demo):
    response = client_as(users["secretariat"]).post(reverse("programmes:copy", args=[demo.pk]))
    copy = Programme.objects.get(fiscal_year=2569)
    assert response["Location"] == reverse("reports:dashboard", args=[copy.pk])


def test_copy_page_refuses_a_second_copy_with_a_message(client_as, users, demo):
    copy_programme_to_next_year(programme=demo, actor=None)
    client = client_as(users["secretariat"])
    response = client.post(reverse("programmes:copy", args=[demo.pk]), follow=True)
    assert "มีโครงการ “๑ พัฒนากร ๑ เครือข่ายการพัฒนา ๒๕๖๙” ของปีงบประมาณ 2569 อยู่แล้ว" in (
        response.content.decode()
    )


@pytest.mark.parametrize("count", [1, 3])
def test_programme_list_queries_do_not_grow(
    client_as, users, demo, count, django_assert_num_queries
):
    for _ in range(count - 1):
        ProgrammeFactory(province=demo.province)
    client = client_as(users["secretariat"])
    # session, user, programmes
    with django_assert_num_queries(3):
        response = client.get(reverse("programmes:list"))
    assert len(response.context["programmes"]) == count


@pytest.mark.parametrize("extra_steps", [0, 2])
def test_dashboard_queries_do_not_grow_with_steps(
    client_as, users, demo, extra_steps, django_assert_num_queries
):
    for n in range(extra_steps):
        demo.steps.create(number=20 + n, title="เพิ่ม", due_date=dt.date(2025, 6, 1), responsible="x")
    client = client_as(users["secretariat"])
    with django_assert_num_queries(14):
        client.get(reverse("reports:dashboard", args=[demo.pk]))


def test_secretariat_adds_a_step_at_the_end_of_the_work_plan(client_as, users, demo):
    response = client_as(users["secretariat"]).post(
        reverse("programmes:step_add", args=[demo.pk]),
        {"title": "ประชุมสรุปผลโครงการ", "due_date": "20/06/2568", "responsible": "กง.ยุทธศาสตร์"},
    )
    assert response.status_code == 302
    step = demo.steps.get(number=9)
    assert step.due_date == dt.date(2025, 6, 20)
    assert step.status == StepStatus.NOT_STARTED


def test_secretariat_creates_a_programme_from_scratch(client_as, users, demo):
    districts = list(demo.districts.all()[:2])
    response = client_as(users["secretariat"]).post(
        reverse("programmes:create"),
        {
            "province": demo.province.pk,
            "fiscal_year": "2569",
            "name_th": "โครงการคนดีศรีแปดริ้ว ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
            "short_name_th": "คนดีศรีแปดริ้ว ๒๕๖๙",
            "period_start": "1/1/2569",
            "period_end": "31/5/2569",
            "name_notification_deadline": "13/2/2569",
            "dossier_deadline": "30/4/2569",
            "joint_work_start": "1/1/2569",
            "joint_work_end": "30/4/2569",
            "results_deadline": "29/5/2569",
            "closing_deadline": "12/6/2569",
            "districts": [d.pk for d in districts],
            "allowed_officer_kinds": [k.pk for k in demo.allowed_officer_kinds.all()],
            "allowed_network_kinds": [k.pk for k in demo.allowed_network_kinds.all()],
        },
    )
    programme = Programme.objects.get(short_name_th="คนดีศรีแปดริ้ว ๒๕๖๙")
    assert response["Location"] == reverse("reports:dashboard", args=[programme.pk])
    assert programme.dossier_deadline == dt.date(2026, 4, 30)
    assert set(programme.districts.all()) == set(districts)


def test_new_programme_refuses_districts_of_another_province(client_as, users, demo):
    other = DistrictFactory()
    response = client_as(users["secretariat"]).post(
        reverse("programmes:create"),
        {"province": demo.province.pk, "fiscal_year": "2569", "districts": [other.pk]},
    )
    assert response.status_code == 200
    assert "อำเภอต่อไปนี้ไม่อยู่ในจังหวัดฉะเชิงเทรา" in response.content.decode()
