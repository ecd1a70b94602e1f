import datetime as dt

import factory

from rangwan.accounts.enums import Role
from rangwan.accounts.models import User
from rangwan.directory.models import District, Province
from rangwan.programmes.models import Programme, WorkPlanStep


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{50 + n % 40:02d}")
    name_th = factory.Sequence(lambda n: f"จังหวัดทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test province {n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"{9000 + n}")
    name_th = factory.Sequence(lambda n: f"อำเภอทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test district {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name_th = factory.Sequence(lambda n: f"โครงการทดสอบ {n} ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    short_name_th = factory.Sequence(lambda n: f"โครงการทดสอบ {n}")
    fiscal_year = 2568
    province = factory.SubFactory(ProvinceFactory)
    period_start = dt.date(2025, 1, 1)
    period_end = dt.date(2025, 5, 31)
    name_notification_deadline = dt.date(2025, 2, 14)
    dossier_deadline = dt.date(2025, 4, 30)
    joint_work_start = dt.date(2025, 1, 1)
    joint_work_end = dt.date(2025, 4, 30)
    results_deadline = dt.date(2025, 5, 30)
    closing_deadline = dt.date(2025, 6, 13)


class WorkPlanStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlanStep

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"ขั้นตอนที่ {n}")
    due_date = dt.date(2025, 1, 15)
    responsible = "สนง.พัฒนาชุมชนจังหวัด"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.SECRETARIAT
    first_name = "ทดสอบ"
    last_name = factory.Sequence(lambda n: f"ผู้ใช้{n}")
    password = factory.django.Password("a-long-test-password")
