import rules

from rangwan.accounts.rules import is_secretariat

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
