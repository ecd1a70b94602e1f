"""The demo played through judging: what `make run` shows by default."""

import io

from django.core.management import call_command
from django.urls import reverse

from rangwan.audit.verify import verify_chain
from rangwan.judging.enums import Ruling
from rangwan.judging.models import Declaration, ScoreSheet
from rangwan.nominations.enums import NominationStatus
from rangwan.programmes.models import Programme
from rangwan.results.integrity import verify_results
from rangwan.results.queries import published


def test_the_judged_demo_has_eleven_accepted_dossiers_full_scores_and_final_results(db, client):
    call_command("load_demo", "--judged", stdout=io.StringIO())
    programme = Programme.objects.get(fiscal_year=2568)
    nominations = programme.nominations.all()
    assert nominations.count() == 11
    assert set(nominations.values_list("status", flat=True)) == {NominationStatus.ACCEPTED}
    assert all(n.versions.count() == 1 and n.evidence.count() == 1 for n in nominations)
    # 9 members × 11 dossiers, less the one upheld conflict.
    assert ScoreSheet.objects.filter(seat__programme=programme, status="submitted").count() == 98
    (conflict,) = Declaration.objects.filter(seat__programme=programme, has_conflict=True)
    assert conflict.ruling == Ruling.UPHELD
    results = programme.results
    assert results.is_final
    ranking = published(results).rows()
    assert [row.rank for row in ranking] == list(range(1, 12))
    assert ranking[0].district == "บ้านโพธิ์"
    assert verify_results(results) == []
    assert verify_chain()[1] is None
    assert programme.steps.get(number=5).done_on.isoformat() == "2025-05-23"
    # The public page names the tie-break that separated the two level dossiers.
    page = client.get(reverse("results:public", args=[programme.pk])).content.decode()
    assert page.count("ตัดสินด้วยคะแนนผลงานที่ทำร่วมกัน (เกณฑ์ข้อ ๓)") == 2
    assert "criterion 3" not in page


def test_loading_the_judged_demo_again_changes_nothing(db):
    devnull = io.StringIO()
    call_command("load_demo", "--judged", stdout=devnull)
    digest = Programme.objects.get(fiscal_year=2568).results.digest
    call_command("load_demo", "--judged", stdout=devnull)
    programme = Programme.objects.get(fiscal_year=2568)
    assert programme.nominations.count() == 11
    assert programme.results.digest == digest
