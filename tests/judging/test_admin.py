import json

from django.urls import reverse

from rangwan.judging.scoring import rules_for


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


def test_secretariat_changes_the_judging_rules_in_the_admin(client, users, demo):
    rules = rules_for(demo)
    client.force_login(users["secretariat"])
    url = reverse("admin:judging_judgingrules_change", args=[rules.pk])
    assert client.post(url, _form(rules, quorum_numerator=1)).status_code == 302
    rules.refresh_from_db()
    assert rules.quorum_numerator == 1


def test_judging_rules_of_final_results_are_read_only_in_the_admin(client, users, final_results):
    programme, _nominations, _results = final_results
    rules = rules_for(programme)
    client.force_login(users["secretariat"])
    url = reverse("admin:judging_judgingrules_change", args=[rules.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="quorum_numerator"' not in page.content.decode()  # shown, not editable
    assert client.post(url, _form(rules, quorum_numerator=1)).status_code == 403
    rules.refresh_from_db()
    assert rules.quorum_numerator == 2
