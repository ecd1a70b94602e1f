import rules

from rangwan.accounts.rules import is_secretariat, is_viewer

rules.add_perm("documents.view_letter", is_secretariat)
rules.add_perm("documents.change_letter", is_secretariat)
rules.add_perm("documents.send_letter", is_secretariat)
rules.add_perm("documents.view_announcement", is_secretariat | is_viewer)
