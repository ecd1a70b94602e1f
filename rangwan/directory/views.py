import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from rules.contrib.views import permission_required

from rangwan.directory.models import Person
from rangwan.directory.personal_data import ENCODER, export_person


@login_required
@permission_required("directory.export_personal_data", raise_exception=True)
@require_safe
def person_export(request, pk: int):
    """Everything held on one person, as a JSON download."""
    person = get_object_or_404(Person, pk=pk)
    body = json.dumps(export_person(person), cls=ENCODER, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
