import rules

from rangwan.accounts.rules import is_secretariat

rules.add_perm("audit", is_secretariat)
rules.add_perm("audit.view_auditentry", is_secretariat)
