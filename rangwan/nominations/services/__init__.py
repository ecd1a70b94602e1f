"""Every write to a nomination, one atomic function each that checks the state machine
and the deadline and writes an audit entry: registering the pair (pair.py), saving the
dossier (dossier.py), its evidence (evidence.py), certification and submission
(submission.py), screening and deadline extensions (screening.py). Callers import this
package: `from rangwan.nominations import services`."""

from rangwan.nominations.services.dossier import StaleRevision, missing_items, save_dossier
from rangwan.nominations.services.evidence import add_evidence, remove_evidence
from rangwan.nominations.services.pair import register_pair, update_pair
from rangwan.nominations.services.screening import grant_extension, screen_dossier
from rangwan.nominations.services.submission import (
    certify_dossier,
    content_digest,
    dossier_content,
    submit_dossier,
)
from rangwan.nominations.services.transitions import transition

__all__ = [
    "StaleRevision",
    "add_evidence",
    "certify_dossier",
    "content_digest",
    "dossier_content",
    "grant_extension",
    "missing_items",
    "register_pair",
    "remove_evidence",
    "save_dossier",
    "screen_dossier",
    "submit_dossier",
    "transition",
    "update_pair",
]
