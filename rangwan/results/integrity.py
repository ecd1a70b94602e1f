"""Checking published results: before they are shown (cheap: the bundle against its
digest and the digest against the audit record) and in `verify_audit` (thorough: the
bundle and the private snapshot rebuilt from the database, and each frozen dossier
version against its own SHA-256)."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rangwan.audit.models import AuditEntry
from rangwan.directory.services import ERASED
from rangwan.nominations.models import DossierVersion
from rangwan.nominations.services import content_digest
from rangwan.results.bundle import canonical, freeze, sha256_hex
from rangwan.results.enums import ResultStatus
from rangwan.results.models import Results

logger = logging.getLogger(__name__)


class TamperedResults(Exception):
    """The stored results no longer match their digest or the audit record."""


def recorded_entry(results: Results) -> AuditEntry | None:
    """The audit entry that froze these results as they are now: for final results the
    first finalisation (there can be only one; a later one would be forged), for
    provisional ones the latest publication; a later reissue in a new bundle format
    (results.reissue, which names the digest it replaced) takes its place. One query."""
    froze = (
        "results.finalise"
        if results.status == ResultStatus.FINAL
        else ("results.publish_provisional")
    )
    entries = list(
        AuditEntry.objects.filter(
            object_type=results._meta.label_lower,
            object_id=str(results.pk),
            action__in=[froze, "results.reissue"],
        )
        .order_by("number")
        .only("number", "action", "after", "hash")
    )
    frozen = [e for e in entries if e.action == froze]
    entry = (frozen[0] if results.status == ResultStatus.FINAL else frozen[-1]) if frozen else None
    reissued = [e for e in entries if e.action == "results.reissue"]
    if reissued and (entry is None or reissued[-1].number > entry.number):
        return reissued[-1]
    return entry


def integrity_problems(results: Results) -> list[str]:
    """The cheap checks: stored bundle and snapshot against their digests, and both
    digests against the audit entry that froze them."""
    name = results.programme.short_name_th
    problems = []
    if sha256_hex(results.bundle.encode("utf-8")) != results.digest:
        problems.append(
            _(
                "The published results of %(programme)s were altered: the bundle no longer "
                "matches its SHA-256."
            )
            % {"programme": name}
        )
    if sha256_hex(canonical(results.snapshot)) != results.snapshot_digest:
        problems.append(
            _(
                "The private record of the results of %(programme)s was altered: it no longer "
                "matches its SHA-256."
            )
            % {"programme": name}
        )
    entry = recorded_entry(results)
    if entry is None:
        problems.append(
            _("The audit record has no entry for publishing the results of %(programme)s.")
            % {"programme": name}
        )
        return problems
    after = entry.after or {}
    if after.get("digest") != results.digest:
        problems.append(
            _(
                "The results of %(programme)s were frozen again outside the record: the audit "
                "record holds SHA-256 %(recorded)s, the results show %(shown)s."
            )
            % {"programme": name, "recorded": after.get("digest"), "shown": results.digest}
        )
    if after.get("snapshot_digest") != results.snapshot_digest:
        problems.append(
            _(
                "The private record of the results of %(programme)s differs from the one the "
                "audit record holds."
            )
            % {"programme": name}
        )
    return problems


def checked_bundle(results: Results) -> dict[str, Any]:
    """The published bundle, parsed, once it has passed the cheap checks; otherwise
    TamperedResults (and an error in the log: somebody changed the database)."""
    problems = integrity_problems(results)
    if problems:
        logger.error("results %s failed their integrity check: %s", results.pk, problems)
        raise TamperedResults(" ".join(problems))
    return json.loads(results.bundle)


def verify_results(results: Results) -> list[str]:
    """Everything: the cheap checks, then (final results only: provisional ones may still
    change) the bundle and snapshot rebuilt from the database, and each judged dossier
    version against its SHA-256. Names the first difference of each kind."""
    problems = integrity_problems(results)
    if results.status != ResultStatus.FINAL:
        return problems
    stored = json.loads(results.bundle)
    rebuilt = freeze(
        results.programme,
        key=results.snapshot.get("key", ""),
        status=results.status,
        published_at=results.published_at,
        finalised_at=results.finalised_at,
        objections_close_at=results.objections_close_at,
    )
    difference = _bundle_difference(stored, rebuilt.bundle)
    if difference:
        problems.append(difference)
    difference = _snapshot_difference(stored, results.snapshot, rebuilt.snapshot)
    if difference:
        problems.append(difference)
    problems += _dossier_problems(stored, results.snapshot)
    return problems


def verify_all_results() -> list[str]:
    """Registered with the audit app (see apps.py): run by `manage.py verify_audit`."""
    problems = []
    for results in Results.objects.select_related("programme").order_by("pk"):
        problems += verify_results(results)
    return problems


SECTIONS = (
    "format",
    "status",
    "published_at",
    "finalised_at",
    "objections_close_at",
    "programme",
    "rubric",
    "rules",
    "committee",
    "conflicts",
    "votes",
)


def _section_name(key: str) -> str:
    names = {
        "format": pgettext("part of the results", "format"),
        "status": pgettext("part of the results", "status"),
        "published_at": pgettext("part of the results", "publication time"),
        "finalised_at": pgettext("part of the results", "finalisation time"),
        "objections_close_at": pgettext("part of the results", "objection window"),
        "programme": pgettext("part of the results", "programme"),
        "rubric": pgettext("part of the results", "rubric"),
        "rules": pgettext("part of the results", "judging rules"),
        "committee": pgettext("part of the results", "committee"),
        "conflicts": pgettext("part of the results", "conflicts of interest"),
        "votes": pgettext("part of the results", "committee's tie vote"),
        "ranking": pgettext("part of the results", "ranking"),
    }
    return names.get(key, key)


def _bundle_difference(stored: dict[str, Any], rebuilt: dict[str, Any]) -> str | None:
    """The first part of the frozen bundle that the database no longer agrees with."""
    for key in SECTIONS:
        if stored.get(key) != rebuilt.get(key):
            return _(
                "The %(part)s in the database differ from the frozen results of %(programme)s."
            ) % {"part": _section_name(key), "programme": stored["programme"]["name"]}
    frozen = {d["nomination"]: d for d in stored.get("dossiers", [])}
    current = {d["nomination"]: d for d in rebuilt.get("dossiers", [])}
    if set(frozen) != set(current):
        return _("The dossiers judged in the database differ from the frozen results.")
    for nomination, dossier in frozen.items():
        now = current[nomination]
        district = dossier["district_name"]
        for field in ("district", "district_name", "officer", "member", "work_title"):
            # A person erased after the retention period (directory.services.erase_person,
            # audited as person.erase) no longer has the name the results froze.
            erased = field in ("officer", "member") and now[field].startswith(ERASED)
            if dossier[field] != now[field] and not erased:
                return _(
                    "The printed names of %(district)s (%(field)s) differ from the frozen "
                    "results: %(frozen)s was frozen, the database now says %(now)s."
                ) % {
                    "district": district,
                    "field": field,
                    "frozen": dossier[field],
                    "now": now[field],
                }
        if dossier["dossier_sha256"] != now["dossier_sha256"]:
            return _(
                "The dossier of %(district)s judged in the database is not the version frozen "
                "with the results."
            ) % {"district": district}
        if dossier["recused"] != now["recused"]:
            return _("The conflict rulings for %(district)s differ from the frozen results.") % {
                "district": district
            }
        if dossier["sheets"] != now["sheets"]:
            return _(
                "The scores for %(district)s in the database differ from the frozen results."
            ) % {"district": district}
    if stored.get("ranking") != rebuilt.get("ranking"):
        return _(
            "The %(part)s in the database differ from the frozen results of %(programme)s."
        ) % {"part": _section_name("ranking"), "programme": stored["programme"]["name"]}
    return None


def _snapshot_difference(
    stored: dict[str, Any], frozen: dict[str, Any], rebuilt: dict[str, Any]
) -> str | None:
    names = {d["nomination"]: d["district_name"] for d in stored.get("dossiers", [])}
    for key in ("declarations", "sheets", "dossiers"):
        if frozen.get(key) != rebuilt.get(key):
            changed = _first_changed(frozen.get(key) or [], rebuilt.get(key) or [])
            district = names.get(changed.get("nomination") if changed else None, "")
            if key == "declarations":
                return _(
                    "The conflict-of-interest declarations or rulings changed after the results "
                    "were frozen (%(district)s)."
                ) % {"district": district}
            if key == "sheets":
                return _(
                    "Which member gave which score sheet changed after the results were frozen "
                    "(%(district)s)."
                ) % {"district": district}
            return _(
                "The dossier version judged changed after the results were frozen (%(district)s)."
            ) % {"district": district}
    return None


def _first_changed(before: list[dict], after: list[dict]) -> dict | None:
    for old, new in zip(before, after, strict=False):
        if old != new:
            return old
    longer = before if len(before) > len(after) else after
    return longer[min(len(before), len(after))] if len(before) != len(after) else None


def _dossier_problems(stored: dict[str, Any], snapshot: dict[str, Any]) -> list[str]:
    """Each judged version still holds the text its SHA-256 (on the district's receipt and
    in the bundle) was taken over."""
    names = {d["nomination"]: d["district_name"] for d in stored.get("dossiers", [])}
    wanted = {
        (d["nomination"], d["version"]): d["sha256"]
        for d in snapshot.get("dossiers", [])
        if d.get("version")
    }
    problems = []
    versions = DossierVersion.objects.filter(
        nomination_id__in=[nomination for nomination, _v in wanted]
    ).only("nomination_id", "number", "content", "sha256")
    for version in versions:
        key = (version.nomination_id, version.number)
        if key not in wanted:
            continue
        if content_digest(version.content) != version.sha256 or version.sha256 != wanted[key]:
            problems.append(
                _(
                    "The frozen dossier of %(district)s (version %(version)s) was edited: its "
                    "text no longer matches its SHA-256."
                )
                % {"district": names.get(version.nomination_id, ""), "version": version.number}
            )
    return problems
