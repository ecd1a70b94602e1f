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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rangwan.audit.services import record
from rangwan.directory.models import Person
from rangwan.directory.personal_data import holders

ERASED = "(ลบข้อมูลแล้ว)"


def erasure_refusal(person: Person, *, now: dt.datetime | None = None) -> str | None:
    """Why this person may not be erased yet (as the first app holding their data that
    must keep it says), or None."""
    now = now or timezone.now()
    for holder in holders():
        refusal = holder.retention and holder.retention(person, now)
        if refusal:
            return refusal
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
    # Each app's files of the person go only once the erasure is committed.
    deleted = sum(holder.erase_files(person) for holder in holders() if holder.erase_files)
    record(
        actor=actor,
        action="person.erase",
        obj=person,
        after={"erased_data_sha256": digest, "photos_deleted": deleted},
    )
    return person
