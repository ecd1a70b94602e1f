import rules

from rangwan.accounts.rules import is_district_user

rules.add_perm("nominations.view_district_home", is_district_user)
