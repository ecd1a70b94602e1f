"""Who a user is, as django-rules predicates. Every app's rules.py builds on these."""

import rules

from rangwan.accounts.enums import Role


def _has_role(*roles: str):
    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.is_active and user.role in roles)

    return predicate


is_secretariat = _has_role(Role.SECRETARIAT)
is_district_staff = _has_role(Role.DISTRICT_STAFF)
is_district_head = _has_role(Role.DISTRICT_HEAD)
is_district_user = _has_role(Role.DISTRICT_STAFF, Role.DISTRICT_HEAD)
is_committee_member = _has_role(Role.COMMITTEE_MEMBER, Role.COMMITTEE_CHAIR)
is_committee_chair = _has_role(Role.COMMITTEE_CHAIR)
is_viewer = _has_role(Role.VIEWER)


@rules.predicate
def is_own_district(user, district) -> bool:
    return district is not None and user.district_id == getattr(district, "pk", None)


# The Django admin is the secretariat's tool for reference data and accounts.
rules.add_perm("accounts.use_admin", is_secretariat)
rules.add_perm("accounts", is_secretariat)
rules.add_perm("accounts.view_user", is_secretariat)
rules.add_perm("accounts.add_user", is_secretariat)
rules.add_perm("accounts.change_user", is_secretariat)


# The apps below accounts (audit, directory) cannot name roles without importing upward,
# so the secretariat's rights over them are granted here.

# The audit record: read by the secretariat, written only by services.
rules.add_perm("audit", is_secretariat)
rules.add_perm("audit.view_auditentry", is_secretariat)

# Reference data is kept by the secretariat through the Django admin.
rules.add_perm("directory", is_secretariat)
for model in (
    "province",
    "district",
    "provincialoffice",
    "districtoffice",
    "officerkind",
    "networkkind",
    "person",
):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"directory.{action}_{model}", is_secretariat)

# The PDPA's right of access: the secretariat answers requests for everything held.
rules.add_perm("directory.export_personal_data", is_secretariat)
rules.add_perm("directory.erase_personal_data", is_secretariat)
