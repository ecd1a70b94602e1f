"""Certificates: the secretariat manages them, the viewer reads; the public sees only
the verify page (no permission needed there)."""

import rules

from rangwan.accounts.rules import is_secretariat, is_viewer

# On a programme:
rules.add_perm("honours.view_certificates", is_secretariat | is_viewer)
rules.add_perm("honours.issue_certificates", is_secretariat)
# On a certificate:
rules.add_perm("honours.view_certificate_pdf", is_secretariat | is_viewer)
rules.add_perm("honours.revoke_certificate", is_secretariat)
# On a batch:
rules.add_perm("honours.view_batch", is_secretariat | is_viewer)
rules.add_perm("honours.download_batch", is_secretariat)
