"""What honours hold on a person: their certificates (registered with the directory's
export)."""

from __future__ import annotations

from typing import Any

from rangwan.directory.models import Person
from rangwan.directory.personal_data import Holder
from rangwan.honours.models import Certificate


def export(person: Person) -> dict[str, list[dict[str, Any]]]:
    return {
        "certificates": [
            {"code": c.code, "kind": c.kind, "name": c.name, "issued_on": c.issued_on}
            for c in Certificate.objects.filter(person=person).order_by("id")
        ]
    }


HOLDER = Holder(export=export)
