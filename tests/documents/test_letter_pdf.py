from rangwan.documents.letters import (
    default_letter,
    letter_for,
    render_form3_pdf,
    render_form4_pdf,
    render_letter_pdf,
    render_rubric_pdf,
    render_workplan_pdf,
)
from rangwan.seed.demo import load_demo
from tests.pdf_helpers import assert_all_sarabun, pdf_text, pdf_to_pngs, searchable


def test_demo_letter_carries_the_seed_letter(demo):
    letter = letter_for(demo)
    assert letter.pk  # loaded with the demo
    reader, text = pdf_text(render_letter_pdf(letter))
    for fact in (
        "ที่ ฉช ๐๐๑๙/ว ๗๓๑",
        "ศาลากลางจังหวัดฉะเชิงเทรา",
        "ถนนเรืองวุฒิ ฉช ๒๔๐๐๐",
        "๑๕ มกราคม ๒๕๖๘",
        "เรื่อง",
        "โครงการนวัตกรรม ๑ พัฒนากร ๑ เครือข่ายการพัฒนา",
        "เรียน",
        "นายอำเภอ ทุกอำเภอ",
        "สิ่งที่ส่งมาด้วย",
        "แบบแจ้งรายชื่อ ฯ",
        "ภายในวันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘",
        "ภายในวันพุธที่ ๓๐ เมษายน ๒๕๖๘",
        "จำนวน ๙ ชุด",
        "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ",
        "ขอแสดงความนับถือ",
        f"({letter.signer_name})",
        "พัฒนาการจังหวัด ปฏิบัติราชการแทน",
        "ผู้ว่าราชการจังหวัดฉะเชิงเทรา",
        "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
        "โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙",
    ):
        assert searchable(fact) in text, fact
    assert "ฉข" not in text and "๒๕๐๐๐" not in text
    assert_all_sarabun(reader, text)
    pdf_to_pngs(render_letter_pdf(letter), "letter", scale=1.2)


def test_each_page_but_the_last_announces_the_next_one(demo):
    """คำต่อ: the words that begin the next page, at the bottom right."""
    reader, _text = pdf_text(render_letter_pdf(letter_for(demo)))
    assert len(reader.pages) == 2
    first, second = (searchable(page.extract_text()) for page in reader.pages)
    assert searchable("/คัดเลือกบุคลากรในสังกัด...") in first
    assert searchable("คัดเลือกบุคลากรในสังกัด") in second
    assert "..." not in second


def test_typed_text_cannot_break_out_of_the_continuation(demo):
    letter = letter_for(demo)
    letter.body = "ย่อหน้า " * 400 + '</style><p>"\\'
    reader, text = pdf_text(render_letter_pdf(letter))
    assert len(reader.pages) >= 2
    assert_all_sarabun(reader, text)


def test_loading_the_demo_twice_keeps_one_letter(demo):
    from rangwan.documents.models import OfficialLetter

    load_demo()
    assert OfficialLetter.objects.filter(programme=demo).count() == 1


def test_no_acting_line_when_the_signer_signs_in_their_own_name(demo):
    letter = letter_for(demo)
    letter.acting_for = ""
    _reader, text = pdf_text(render_letter_pdf(letter))
    assert searchable("ปฏิบัติราชการแทน") not in text
    assert searchable("พัฒนาการจังหวัด") in text


def test_default_letter_is_drawn_from_the_programme(demo):
    demo.letter.delete()
    demo.refresh_from_db()
    letter = letter_for(demo)
    assert letter.pk is None
    assert letter.signer_name == demo.seats.get(role="chair").holder_name
    assert "ถนนเรืองวุฒิ" in letter.sender
    assert letter.phone == "๐-๓๘๕๑-๑๒๓๙"
    assert letter.responsible_unit.splitlines() == [
        "สำนักงานพัฒนาชุมชนจังหวัดฉะเชิงเทรา",
        "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
    ]
    assert "วันศุกร์ที่ ๑๔ กุมภาพันธ์ ๒๕๖๘" in letter.body
    assert demo.name_th in letter.body
    _reader, text = pdf_text(render_letter_pdf(default_letter(demo)))
    assert searchable(demo.name_th[:40]) in text


def test_form3_is_the_blank_name_notification_form(demo):
    pdf = render_form3_pdf(demo)
    reader, text = pdf_text(pdf)
    for fact in (
        "แบบแจ้งรายชื่อ",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "สำนักงานพัฒนาชุมชนอำเภอ",
        "เป็นพัฒนากร/อาสาพัฒนา (อสพ.) สังกัดสำนักงานพัฒนาชุมชนอำเภอ",
        "กข.คจ., ศอช.ต., กลุ่มออมทรัพย์เพื่อการผลิต, กองทุนแม่ของแผ่นดิน",
        "แจ้งรายชื่อให้จังหวัดฯ ทราบภายในวันที่ ๑๔ กุมภาพันธ์",
    ):
        assert searchable(fact) in text, fact
    assert_all_sarabun(reader, text)
    pdf_to_pngs(pdf, "form3", scale=1.2)


def test_form4_is_the_blank_dossier_form_with_the_rubric_points(demo):
    pdf = render_form4_pdf(demo)
    reader, text = pdf_text(pdf)
    for fact in (
        "แบบเสนอผลงานเพื่อประกอบการพิจารณา",
        "๒๕๖๘",
        "ระยะเวลาดำรงตำแหน่ง",
        "เคยถูกลงโทษ",
        "ไม่เคยถูกลงโทษ",
        "๒.๒.๑ ความตั้งมั่นในความซื่อสัตย์สุจริตอย่างมั่นคง",
        "๒.๒.๖ หลักฐานเชิงประจักษ์",
        "ผลงานดีเด่น",
        "๑) ชื่อผลงาน",
        "(๔๐ คะแนน)",
        "รวม ๑๐๐ คะแนน",
        "ผู้รับรอง",
        "พัฒนาการอำเภอ",
    ):
        assert searchable(fact) in text, fact
    assert_all_sarabun(reader, text)
    assert len(pdf) < 100_000  # it is e-mailed to every district: dotted borders made it 300 kB
    pdf_to_pngs(pdf, "form4", scale=1.2)


def test_rubric_sheet_lists_every_criterion_and_the_total(demo):
    pdf = render_rubric_pdf(demo)
    reader, text = pdf_text(pdf)
    assert searchable("เกณฑ์การพิจารณา") in text
    assert "๒๕๖๘" in text
    for criterion in demo.rubric.criteria.all():
        assert searchable(criterion.title_th[:30]) in text, criterion.code
    assert searchable("รวม") in text and "๑๐๐" in text
    assert "๔๐" in text
    assert_all_sarabun(reader, text)
    pdf_to_pngs(pdf, "rubric", scale=1.2)


def test_a_new_programme_without_rubric_or_committee_still_gets_its_documents(db):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory()
    letter = letter_for(programme)
    assert letter.pk is None and letter.signer_name == ""
    assert render_letter_pdf(letter).startswith(b"%PDF")
    for render in (render_workplan_pdf, render_form3_pdf, render_form4_pdf, render_rubric_pdf):
        assert render(programme).startswith(b"%PDF")


def test_workplan_lists_the_eight_steps_with_their_due_dates(demo):
    pdf = render_workplan_pdf(demo)
    reader, text = pdf_text(pdf)
    for fact in (
        "สิ่งที่ส่งมาด้วย ๒",
        "แผนการดำเนินงาน",
        "ลำดับที่",
        "ภายใน ๑๕ มกราคม ๒๕๖๘",
        "ภายใน ๓๐ เมษายน ๒๕๖๘",
        "ภายใน ๑๓ มิถุนายน ๒๕๖๘",
        "ทุกอำเภอ",
        "รายงานผลการดำเนินกิจกรรมให้ผู้บังคับบัญชาทราบ",
    ):
        assert searchable(fact) in text, fact
    assert_all_sarabun(reader, text)
    pdf_to_pngs(pdf, "workplan", scale=1.2)
