from django.urls import reverse

from rangwan.judging.enums import SeatRole


def test_secretariat_adds_a_seat_and_links_an_account(client_as, users, demo):
    response = client_as(users["secretariat"]).post(
        reverse("judging:seat_add", args=[demo.pk]),
        {"post_th": "ผู้ทรงคุณวุฒิ", "role": SeatRole.MEMBER, "holder_name": "นางสาวทดลอง ใจงาม"},
    )
    assert response.status_code == 302
    seat = demo.seats.get(number=10)
    assert seat.post_th == "ผู้ทรงคุณวุฒิ"


def test_a_second_chair_is_refused_with_a_thai_message(client_as, users, demo):
    seat = demo.seats.get(number=2)
    response = client_as(users["secretariat"]).post(
        reverse("judging:seat_edit", args=[demo.pk, seat.pk]),
        {"post_th": seat.post_th, "role": SeatRole.CHAIR, "holder_name": seat.holder_name},
    )
    assert response.status_code == 200
    assert "คณะกรรมการมีประธานได้เพียงคนเดียว" in response.content.decode()
    seat.refresh_from_db()
    assert seat.role == SeatRole.MEMBER


def test_an_account_cannot_hold_two_seats(client_as, users, demo):
    seat = demo.seats.get(number=2)
    response = client_as(users["secretariat"]).post(
        reverse("judging:seat_edit", args=[demo.pk, seat.pk]),
        {
            "post_th": seat.post_th,
            "role": SeatRole.MEMBER,
            "holder_name": seat.holder_name,
            "user": users["committee_chair"].pk,
        },
    )
    assert response.status_code == 200
    assert "บัญชีนี้ดำรงตำแหน่งในคณะกรรมการชุดนี้แล้ว" in response.content.decode()
