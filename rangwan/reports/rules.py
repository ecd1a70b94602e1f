"""Who reads reports: the secretariat and the superiors (viewers). The exports name each
committee member beside the scores they gave, so they are the secretariat's alone."""

import rules

from rangwan.accounts.rules import is_secretariat, is_viewer

rules.add_perm("reports.view_report", is_secretariat | is_viewer)
rules.add_perm("reports.export_data", is_secretariat)
