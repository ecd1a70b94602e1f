import datetime as dt

import pytest

from rangwan.honours import services

WORDING = {
    "award_text": "ได้รับรางวัลสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา สู่การขับเคลื่อนงานพัฒนาชุมชน ระดับจังหวัด",
    "participation_text": "ได้เข้าร่วมการคัดเลือกสุดยอด ๑ พัฒนากร ๑ เครือข่ายการพัฒนา",
    "programme_text": "ภายใต้โครงการพัฒนาชุมชนฉะเชิงเทราใสสะอาด ๒๕๖๘ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
    "issued_on": dt.date(2025, 6, 13),
    "signer_name": "นายชโล พงษ์สุข",
    "signer_position": "พัฒนาการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดฉะเชิงเทรา",
}


@pytest.fixture
def issued(final_results, users):
    """Every certificate of the demo's final results: บางคล้า's pair wins."""
    programme, nominations, _results = final_results
    certificates = services.issue_certificates(
        programme=programme, actor=users["secretariat"], wording=WORDING
    )
    return programme, nominations, certificates
