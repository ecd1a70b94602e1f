from typing import Any

from django.db import models
from django.forms.models import model_to_dict

from rangwan.audit.models import AuditEntry


def snapshot(obj: models.Model, *, fields: list[str] | None = None) -> dict[str, Any]:
    """The plain values of a model instance, for the before and after of an entry."""
    return {
        key: [getattr(item, "pk", item) for item in value] if isinstance(value, list) else value
        for key, value in model_to_dict(obj, fields=fields).items()
    }


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry. Call it inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
    )
