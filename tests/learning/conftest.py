import pytest

from rangwan.learning import services
from tests.fixtures_nominations import photo_bytes, upload

# Every section written, as the winning district might write it.
FULL = {
    "background": "ชุมชนบ้านหนองไม้แดงมีกองทุนแม่ของแผ่นดินแต่สมาชิกไม่เคยเห็นบัญชี",
    "objectives": "เพื่อให้บัญชีกองทุนโปร่งใส ตรวจสอบได้ทุกเดือน",
    "steps": ["ประชุมคณะกรรมการกองทุน", "จัดทำบัญชีรายรับรายจ่าย", "ติดประกาศบัญชีทุกเดือน"],
    "results": "สมาชิก 120 ครัวเรือนได้เห็นบัญชีทุกเดือน",
    "success_factors": "ความร่วมมือของคณะกรรมการและพัฒนากรที่ลงพื้นที่สม่ำเสมอ",
    "obstacles": "สมาชิกบางส่วนไม่มาประชุม แก้ไขโดยติดประกาศที่ศาลาหมู่บ้าน",
    "lessons_gained": "ความโปร่งใสสร้างความไว้วางใจ",
    "advice": "เริ่มจากบัญชีที่เข้าใจง่าย และเปิดเผยสม่ำเสมอ",
}


@pytest.fixture
def secretariat(users):
    return users["secretariat"]


@pytest.fixture
def programme(final_results):
    return final_results[0]


@pytest.fixture
def write_up(programme, secretariat):
    """Started from the final results: บางคล้า's dossier, with its one joint-work photo."""
    return services.start_lessons(programme=programme, actor=secretariat)


@pytest.fixture
def complete_write_up(write_up, secretariat):
    write_up = services.save_lessons(
        write_up=write_up, actor=secretariat, revision=write_up.revision, **FULL
    )
    services.change_photo_caption(
        photo=write_up.photos.get(), actor=secretariat, caption="ประชุมคณะกรรมการกองทุน"
    )
    services.add_photo(
        write_up=write_up,
        actor=secretariat,
        upload=upload(data=photo_bytes(size=(300, 400))),
        caption="ติดประกาศบัญชีที่ศาลาหมู่บ้าน",
    )
    services.add_photo(
        write_up=write_up,
        actor=secretariat,
        upload=upload(data=photo_bytes(size=(640, 480))),
        caption="สมาชิกตรวจดูบัญชีกองทุน",
    )
    write_up.refresh_from_db()
    return write_up
