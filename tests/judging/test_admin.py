import json
from decimal import Decimal

from django.urls import reverse

from rangwan.audit.models import AuditEntry
from rangwan.judging.models import JudgingRules


def _form(rules, **changes) -> dict:
    data = {
        "programme": rules.programme_id,
        "score_step": str(rules.score_step),
        "remark_at_extremes": "on" if rules.remark_at_extremes else "",
        "discipline_code": rules.discipline_code,
        "quorum_numerator": rules.quorum_numerator,
        "quorum_denominator": rules.quorum_denominator,
        "tie_break": json.dumps(rules.tie_break),
    }
    return data | changes


def test_secretariat_sets_the_judging_rules_in_the_admin(client, users, demo):
    client.force_login(users["secretariat"])
    url = reverse("admin:judging_judgingrules_add")
    response = client.post(url, _form(JudgingRules(programme=demo), score_step="0.5"))
    assert response.status_code == 302
    rules = JudgingRules.objects.get(programme=demo)
    assert rules.score_step == Decimal("0.5")
    entry = AuditEntry.objects.get(action="admin.add", object_type="judging.judgingrules")
    assert Decimal(entry.after["score_step"]) == Decimal("0.5")


def test_secretariat_changes_the_judging_rules_in_the_admin(client, users, demo):
    rules = JudgingRules.objects.create(programme=demo)
    client.force_login(users["secretariat"])
    url = reverse("admin:judging_judgingrules_change", args=[rules.pk])
    assert client.post(url, _form(rules, quorum_numerator=1)).status_code == 302
    rules.refresh_from_db()
    assert rules.quorum_numerator == 1


def test_judging_rules_of_final_results_are_read_only_in_the_admin(client, users, final_results):
    programme, _nominations, _results = final_results
    rules = JudgingRules.objects.create(programme=programme)  # as set before finalising
    client.force_login(users["secretariat"])
    url = reverse("admin:judging_judgingrules_change", args=[rules.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="quorum_numerator"' not in page.content.decode()  # shown, not editable
    assert client.post(url, _form(rules, quorum_numerator=1)).status_code == 403
    rules.refresh_from_db()
    assert rules.quorum_numerator == 2


def test_judging_rules_cannot_be_added_once_the_results_are_final(client, users, final_results):
    """The results were tallied under the default rules: rules added afterwards would
    make the live tally and its quorum differ from the frozen record."""
    programme, _nominations, _results = final_results
    client.force_login(users["secretariat"])
    url = reverse("admin:judging_judgingrules_add")
    response = client.post(url, _form(JudgingRules(programme=programme), quorum_numerator=1))
    assert response.status_code == 200  # the form again, with its error
    assert not JudgingRules.objects.filter(programme=programme).exists()
