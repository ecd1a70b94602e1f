import json
import secrets
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from rangwan.audit.models import GENESIS, AuditEntry, ChainHead


def snapshot(obj: models.Model, *, fields: list[str] | None = None) -> dict[str, Any]:
    """The plain values of a model instance, for the before and after of an entry."""
    return {
        key: [getattr(item, "pk", item) for item in value] if isinstance(value, list) else value
        for key, value in model_to_dict(obj, fields=fields).items()
    }


def _plain(data: Any) -> Any:
    """What the JSON column will give back: dates and decimals as strings."""
    return None if data is None else json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Call it inside the service's transaction: if the
    change rolls back, so does its entry."""
    head, _created = ChainHead.objects.select_for_update().get_or_create(pk=1)
    entry = AuditEntry(
        created_at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=_plain(before),
        after=_plain(after),
        prev_hash=head.last_hash or GENESIS,
        number=head.count + 1,
        nonce=secrets.token_hex(16),
    )
    entry.hash = entry.compute_hash()
    entry.save()
    # The head moves forward by exactly this entry (on PostgreSQL a trigger refuses
    # any other change of it).
    head.last_hash = entry.hash
    head.count = entry.number
    head.save(update_fields=["last_hash", "count"])
    return entry
