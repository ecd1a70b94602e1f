"""Erasure of a person's data (the PDPA's right of erasure), where the records allow it.

What stays, and why: frozen results snapshots and audit entries are hash-protected
official records (the PDPA, s. 24(4) and s. 33, lets a state agency keep data it needs
for a public task and for records it must keep). They are left as they are, so the
audit chain and the frozen results still verify; erasure is recorded as a new audit
entry holding only the SHA-256 of the data removed, never the data itself.
"""

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rangwan.audit.services import record
from rangwan.directory.models import Person
from rangwan.nominations.enums import EvidenceKind
from rangwan.nominations.models import Evidence, Nomination
from rangwan.results.enums import ResultStatus

ERASED = "(ลบข้อมูลแล้ว)"


def erasure_refusal(person: Person, *, now: dt.datetime | None = None) -> str | None:
    """Why this person may not be erased yet, or None."""
    now = now or timezone.now()
    keep = dt.timedelta(days=365 * settings.PERSONAL_DATA_RETENTION_YEARS)
    nominations = Nomination.objects.filter(Q(officer=person) | Q(member=person)).select_related(
        "programme__results"
    )
    for nomination in nominations:
        results = getattr(nomination.programme, "results", None)
        if results is None or results.status != ResultStatus.FINAL or not results.finalised_at:
            return _("This person is in a programme whose results are not final.")
        if results.finalised_at + keep > now:
            return _("This person's records are kept until %(years)s years after the results.") % {
                "years": settings.PERSONAL_DATA_RETENTION_YEARS
            }
    return None


@transaction.atomic
def erase_person(*, person: Person, actor) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    refusal = erasure_refusal(person)
    if refusal:
        raise ValidationError(refusal, code="retained")
    held = {
        f: getattr(person, f)
        for f in ("title", "first_name", "last_name", "position", "phone", "email")
    }
    digest = hashlib.sha256(
        json.dumps(held, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    person.title = person.position = person.phone = person.email = ""
    person.first_name, person.last_name = ERASED, str(person.pk)
    person.full_clean()
    person.save()
    photos = Evidence.objects.filter(
        Q(nomination__officer=person) | Q(nomination__member=person), kind=EvidenceKind.PHOTO
    )
    names = [n for e in photos for n in (e.file.name, e.thumbnail.name) if n]
    storage = Evidence._meta.get_field("file").storage
    # Files go only once the erasure is committed; the rows keep their SHA-256.
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    record(
        actor=actor,
        action="person.erase",
        obj=person,
        after={"erased_data_sha256": digest, "photos_deleted": len(names)},
    )
    return person
