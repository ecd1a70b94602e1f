"""API tokens are the secretariat's to make and revoke. What a token reads is decided by
the rules of the apps it reads from, for the token's user, as on the web pages."""

import rules

from rangwan.accounts.rules import is_secretariat

# The app in the admin index (has_module_perms asks for the label).
rules.add_perm("api", is_secretariat)
rules.add_perm("api.view_apitoken", is_secretariat)
rules.add_perm("api.add_apitoken", is_secretariat)
# Changing a token means revoking it (the admin's list action); nothing else is editable.
rules.add_perm("api.change_apitoken", is_secretariat)
