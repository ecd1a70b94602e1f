"""Chachoengsao as the seed document gives it: the province and its office, the 11
districts and their offices, the kinds of officer and network, and the FY 2568
programme with its work plan and rubric. Real data, no people: a new installation for
Chachoengsao starts from it (`manage.py load_seed`), and the demo adds invented people.
Loading again updates the reference data and leaves an existing programme alone."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from rangwan.directory.models import (
    District,
    DistrictOffice,
    NetworkKind,
    OfficerKind,
    Province,
    ProvincialOffice,
)
from rangwan.judging.services import save_rubric
from rangwan.programmes.enums import StepStatus
from rangwan.programmes.models import Programme, WorkPlanStep

# (code, Thai, English, slug for user names) — DOPA codes of Chachoengsao's 11 districts.
DISTRICTS = [
    ("2401", "เมืองฉะเชิงเทรา", "Mueang Chachoengsao", "mueang"),
    ("2402", "บางคล้า", "Bang Khla", "bangkhla"),
    ("2403", "บางน้ำเปรี้ยว", "Bang Nam Priao", "bangnampriao"),
    ("2404", "บางปะกง", "Bang Pakong", "bangpakong"),
    ("2405", "บ้านโพธิ์", "Ban Pho", "banpho"),
    ("2406", "พนมสารคาม", "Phanom Sarakham", "phanomsarakham"),
    ("2407", "ราชสาส์น", "Ratchasan", "ratchasan"),
    ("2408", "สนามชัยเขต", "Sanam Chai Khet", "sanamchaikhet"),
    ("2409", "แปลงยาว", "Plaeng Yao", "plaengyao"),
    ("2410", "ท่าตะเกียบ", "Tha Takiap", "thatakiap"),
    ("2411", "คลองเขื่อน", "Khlong Khuean", "khlongkhuean"),
]

OFFICER_KINDS = [
    ("phatthanakon", "พัฒนากร", "Community development officer"),
    ("aor-sor-por", "อาสาพัฒนา (อสพ.)", "Development volunteer (อสพ.)"),
]

# (code, abbreviation, Thai, English, asks for a name)
NETWORK_KINDS = [
    (
        "kkkj",
        "กข.คจ.",
        "คณะกรรมการกองทุนโครงการแก้ไขปัญหาความยากจน (กข.คจ.)",
        "Poverty alleviation project fund committee (กข.คจ.)",
        False,
    ),
    (
        "sorchortor",
        "ศอช.ต.",
        "คณะกรรมการศูนย์ประสานงานองค์การชุมชนตำบล (ศอช.ต.)",
        "Sub-district community organisation coordination centre (ศอช.ต.)",
        False,
    ),
    (
        "savings",
        "",
        "คณะกรรมการกลุ่มออมทรัพย์เพื่อการผลิต",
        "Savings-for-production group committee",
        False,
    ),
    ("mae-phaendin", "", "คณะกรรมการกองทุนแม่ของแผ่นดิน", "Mother-of-the-Land fund committee", False),
    (
        "korporsormor",
        "กพสม.",
        "คณะกรรมการพัฒนาสตรีหมู่บ้าน (กพสม.)",
        "Village women's development committee (กพสม.)",
        False,
    ),
    (
        "korporsortor",
        "กพสต.",
        "คณะกรรมการพัฒนาสตรีตำบล (กพสต.)",
        "Sub-district women's development committee (กพสต.)",
        False,
    ),
    ("other", "", "เครือข่ายอื่น ๆ (โปรดระบุ)", "Other network (name it)", True),
]

PROGRAMME = {
    "name_th": (
        "โครงการพัฒนาชุมชนฉะเชิงเทราใสสะอาด ๒๕๖๘ : มิติที่ ๕ นวัตกรรมด้านความโปร่งใส "
        "๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    ),
    "name_en": (
        "Transparent Chachoengsao Community Development 2025, dimension 5, transparency "
        "innovation: 1 community-development officer, 1 development network, fiscal year 2568"
    ),
    "short_name_th": "๑ พัฒนากร ๑ เครือข่ายการพัฒนา ๒๕๖๘",
    "short_name_en": "1 Officer 1 Network 2568",
    "fiscal_year": 2568,
    "responsible_unit": "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
    "period_start": dt.date(2025, 1, 1),
    "period_end": dt.date(2025, 5, 31),
    "name_notification_deadline": dt.date(2025, 2, 14),
    "dossier_deadline": dt.date(2025, 4, 30),
    "joint_work_start": dt.date(2025, 1, 1),
    "joint_work_end": dt.date(2025, 4, 30),
    "results_deadline": dt.date(2025, 5, 30),
    "closing_deadline": dt.date(2025, 6, 13),
}

PROVINCE_UNIT = "สนง.พัฒนาชุมชนจังหวัด (กง.ยุทธศาสตร์)"
NAME = "๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"

# แผนการดำเนินงาน, the seed's wording (OCR slips mended: พัฒนากร, ศรีแปดริ้ว).
WORK_PLAN = [
    (
        "ทบทวนการดำเนิน/โครงการ/กิจกรรมที่เป็นนวัตกรรม ในปีที่ผ่านมา โครงการ The Shadow : "
        "คู่หูคนดีศรีแปดริ้ว ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        dt.date(2025, 1, 15),
        PROVINCE_UNIT,
    ),
    (
        f"ต่อยอดขยายผลโครงการ/กิจกรรมที่เป็นนวัตกรรม จัดทำโครงการ {NAME}",
        dt.date(2025, 1, 15),
        PROVINCE_UNIT,
    ),
    ("ถ่ายทอดโครงการแก่บุคลากรในสังกัด โดยการแจ้งเป็นหนังสือ", dt.date(2025, 1, 15), PROVINCE_UNIT),
    (
        "สำนักงานพัฒนาชุมชนอำเภอทุกอำเภอ พิจารณาคัดเลือกและเสนอชื่อบุคลากรในสังกัด "
        "และเครือข่ายการพัฒนา จำนวน ๑ คู่ และส่งแบบเสนอผลงาน จำนวน ๙ ชุด ให้จังหวัด",
        dt.date(2025, 4, 30),
        "สนง.พัฒนาชุมชนอำเภอ ทุกอำเภอ",
    ),
    (
        f"จัดประชุมคณะกรรมการฯ พิจารณาผลงาน (เอกสารและการนำเสนอ) และประกาศผลการคัดเลือก {NAME}",
        dt.date(2025, 5, 30),
        PROVINCE_UNIT,
    ),
    (
        "ถอดบทเรียนการทำงานของสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน",
        dt.date(2025, 6, 13),
        PROVINCE_UNIT,
    ),
    (f"ยกย่องเชิดชูเกียรติ สุดยอด {NAME}", dt.date(2025, 6, 13), PROVINCE_UNIT),
    ("รายงานผลการดำเนินกิจกรรมให้ผู้บังคับบัญชาทราบ", dt.date(2025, 6, 13), PROVINCE_UNIT),
]
# SPEC's rubric: 10 + 5×10 + 40 = 100 (the only consistent reading of the seed).
RUBRIC = [
    {
        "code": "1",
        "max_points": 10,
        "title_th": "ประวัติทางวินัย",
        "title_en": "Disciplinary record",
        "description_th": "ไม่เคยถูกลงโทษ ทั้งทางวินัยหรืออาญา เว้นแต่กรณีกระทำโดยประมาทหรือลหุโทษ"
        "ที่ไม่ทำให้ราชการได้รับความเสียหายอย่างร้ายแรง และไม่เคยถูกกล่าวหา ร้องเรียน "
        "หรือถูกสอบสวนระหว่างการคัดเลือก",
    },
    {
        "code": "2",
        "max_points": 50,
        "title_th": "ผลงานด้านการประพฤติตน ปฏิบัติงาน",
        "title_en": "Conduct and work",
    },
    {
        "code": "2.1",
        "parent": "2",
        "max_points": 10,
        "title_th": "ความตั้งมั่นในความซื่อสัตย์สุจริตอย่างมั่นคง",
        "title_en": "Steadfast honesty",
        "description_th": "พฤติกรรมที่แสดงให้เห็นถึงความตั้งมั่นด้วยความซื่อสัตย์ สุจริตอย่างมั่นคง "
        "การปฏิบัติตนด้วยความยึดมั่น ถือมั่นในความซื่อสัตย์สุจริตอย่างมั่นคง "
        "หรือการไม่อ่อนไหวต่อสิ่งยั่วยุหรือแรงกดดันใดๆ อันก่อให้เกิดการกระทำการทุจริต"
        "หรือประพฤติมิชอบ และมีพฤติกรรมที่แสดงออกถึงความซื่อสัตย์สุจริต",
    },
    {
        "code": "2.2",
        "parent": "2",
        "max_points": 10,
        "title_th": "การยืนหยัดต่อสู้ ปกป้องเพื่อความซื่อสัตย์สุจริต",
        "title_en": "Standing up against wrongdoing",
        "description_th": "การปฏิบัติตนในการยืนหยัดต่อสู้ ปกป้องกับอิทธิพลหรือการกระทำใดๆ "
        "ที่ไม่ถูกต้องอันส่งผลให้เกิดการกระทำทุจริตทั้งต่อตนเองหรือผู้อื่นโดยไม่เกรงกลัว"
        "ต่อภัยอันตรายหรือปัญหาที่จะเกิดขึ้น ไม่สนับสนุนหรือส่งเสริมการทุจริต "
        "รวมถึงการไม่นิ่งเฉยเมื่อพบเห็นการทุจริตแจ้งให้หน่วยงานที่เกี่ยวข้องดำเนินการ",
    },
    {
        "code": "2.3",
        "parent": "2",
        "max_points": 10,
        "title_th": "ความพากเพียรมุ่งมั่นให้เกิดความซื่อสัตย์สุจริต",
        "title_en": "Perseverance for integrity and oversight of state power",
        "description_th": "การปฏิบัติตนที่มุ่งมั่นที่จะให้สังคมมีความซื่อสัตย์สุจริต"
        "เห็นแก่ประโยชน์ส่วนรวม ทำตนเป็นแบบอย่างที่ดี รวมถึงการมีส่วนร่วมหรือส่งเสริม"
        "ในการตรวจสอบการใช้อำนาจรัฐ",
    },
    {
        "code": "2.4",
        "parent": "2",
        "max_points": 10,
        "title_th": "ปฏิบัติหน้าที่เพื่อราชการและตอบสนองประโยชน์สุขของประชาชน",
        "title_en": "Dedication to public service",
        "description_th": "ปฏิบัติหน้าที่ด้วยความอุตสาหะ เสียสละ ทุ่มเท อุทิศเวลาให้กับหน่วยงาน"
        "ราชการ สังคม อย่างเต็มที่ และอยู่ในระเบียบวินัย มีคุณธรรม จริยธรรม",
    },
    {
        "code": "2.5",
        "parent": "2",
        "max_points": 10,
        "title_th": "องค์ประกอบอื่น ๆ",
        "title_en": "Other: public mind, sufficiency, volunteering, gratitude, awards",
        "description_th": "มีการประพฤติตนเกี่ยวกับจิตสาธารณะ สังคม ครอบครัวและหน่วยงาน "
        "โดยยึดหลักพอเพียง สุจริต จิตอาสา กตัญญู การบำเพ็ญประโยชน์เพื่อส่วนรวม "
        "หรือได้รับรางวัลเกี่ยวกับความดี คุณธรรม จริยธรรม รางวัลอื่นที่เกี่ยวข้อง"
        "พร้อมพยานหลักฐาน (ถ้ามี)",
    },
    {
        "code": "3",
        "max_points": 40,
        "title_th": "ผลงานดีเด่นที่ทำร่วมกัน จำนวน ๑ เรื่อง",
        "title_en": "The outstanding joint work",
        "description_th": "เป็นผลงานที่ร่วมกันขับเคลื่อนภารกิจของกรมการพัฒนาชุมชน "
        "โดยพัฒนากร/อสพ. และเครือข่ายร่วมกันทำงานในลักษณะบูรณาการทำงานร่วมกัน "
        "จนเกิดผลสำเร็จในการขับเคลื่อนผลงานในห้วงเดือนมกราคม - เมษายน ๒๕๖๘",
    },
]


def load_reference_data(*, office_email=None) -> tuple[Province, list[District]]:
    """The province, its office, its districts with their offices, and the kinds.
    `office_email(slug)` gives a district office's address; without it an existing
    address is kept (the secretariat enters the real ones in the admin)."""
    province, _ = Province.objects.update_or_create(
        code="24", defaults={"name_th": "ฉะเชิงเทรา", "name_en": "Chachoengsao"}
    )
    ProvincialOffice.objects.update_or_create(
        province=province,
        defaults={
            "name_th": "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
            "name_en": "Chachoengsao Provincial Community Development Office",
            "address": "ศาลากลางจังหวัดฉะเชิงเทรา ถนนเรืองวุฒิ ฉช ๒๔๐๐๐",
            "phone": "๐-๓๘๕๑-๑๒๓๙",
        },
    )
    districts = []
    for code, name_th, name_en, slug in DISTRICTS:
        district, _ = District.objects.update_or_create(
            code=code, defaults={"province": province, "name_th": name_th, "name_en": name_en}
        )
        office = {
            "name_th": f"สำนักงานพัฒนาชุมชนอำเภอ{name_th}",
            "name_en": f"{name_en} District Community Development Office",
        }
        if office_email is not None:
            office["email"] = office_email(slug)
        DistrictOffice.objects.update_or_create(district=district, defaults=office)
        districts.append(district)
    for order, (code, name_th, name_en) in enumerate(OFFICER_KINDS):
        OfficerKind.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "order": order}
        )
    for order, (code, abbr, name_th, name_en, requires_name) in enumerate(NETWORK_KINDS):
        NetworkKind.objects.update_or_create(
            code=code,
            defaults={
                "abbreviation": abbr,
                "name_th": name_th,
                "name_en": name_en,
                "requires_name": requires_name,
                "order": order,
            },
        )
    return province, districts


def create_programme_2568(
    province: Province, districts: list[District], *, done_steps: dict | None = None
) -> tuple[Programme, bool]:
    """The FY 2568 programme with its work plan and rubric, unless it exists."""
    programme, created = Programme.objects.get_or_create(
        province=province,
        fiscal_year=PROGRAMME["fiscal_year"],
        short_name_th=PROGRAMME["short_name_th"],
        defaults=PROGRAMME,
    )
    if created:
        programme.districts.set(districts)
        programme.allowed_officer_kinds.set(OfficerKind.objects.all())
        programme.allowed_network_kinds.set(NetworkKind.objects.all())
        for number, (title, due, responsible) in enumerate(WORK_PLAN, start=1):
            done_on = (done_steps or {}).get(number)
            WorkPlanStep.objects.create(
                programme=programme,
                number=number,
                title=title,
                due_date=due,
                responsible=responsible,
                status=StepStatus.DONE if done_on else StepStatus.NOT_STARTED,
                done_on=done_on,
            )
        save_rubric(programme=programme, declared_total=100, criteria=RUBRIC)
    return programme, created


@transaction.atomic
def load_seed(*, programme: bool) -> tuple[Province, Programme | None]:
    province, districts = load_reference_data()
    made = create_programme_2568(province, districts)[0] if programme else None
    return province, made
