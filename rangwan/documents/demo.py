"""The demo programme's letter as the seed prints it (ที่ ฉช ๐๐๑๙/ว ๗๓๑ of
๑๕ มกราคม ๒๕๖๘). The seed's OCR reads the province code as ฉข and the postcode as
๒๕๐๐๐; Chachoengsao's are ฉช and ๒๔๐๐๐. The signer is the demo's (invented) provincial
CD officer, like every person in the demo."""

from __future__ import annotations

import datetime as dt

from rangwan.documents.letters import default_body, default_letter
from rangwan.documents.models import OfficialLetter

SEED_PROJECT = (
    "โครงการพัฒนาชุมชนฉะเชิงเทราใสสะอาด ๒๕๖๘ : มิติที่ ๕ โครงการนวัตกรรม "
    "๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
)
SEED_LETTER = {
    "reference_number": "ฉช ๐๐๑๙/ว ๗๓๑",
    "sender": "ศาลากลางจังหวัดฉะเชิงเทรา\nถนนเรืองวุฒิ ฉช ๒๔๐๐๐",
    "letter_date": dt.date(2025, 1, 15),
    "subject": "โครงการนวัตกรรม ๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
    "addressee": "นายอำเภอ ทุกอำเภอ",
    "signer_position": "พัฒนาการจังหวัด",
    "acting_for": "ผู้ว่าราชการจังหวัดฉะเชิงเทรา",
    "responsible_unit": "สำนักงานพัฒนาชุมชนจังหวัด\nกลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
    "phone": "๐-๓๘๕๑-๑๒๓๙",
    "slogan": "เศรษฐกิจฐานรากมั่นคง ชุมชนเข้มแข็งอย่างยั่งยืน\nด้วยหลักปรัชญาของเศรษฐกิจพอเพียง",
}


def load_demo_letter(programme) -> OfficialLetter:
    """Create the seed's letter once; a letter that exists (perhaps edited) is kept."""
    existing = OfficialLetter.objects.filter(programme=programme).first()
    if existing:
        return existing
    letter = default_letter(programme)
    for field, value in SEED_LETTER.items():
        setattr(letter, field, value)
    letter.body = default_body(programme, project=SEED_PROJECT)
    letter.full_clean()
    letter.save()
    return letter
