from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_thai_catalogue_translates_every_message():
    po = polib.pofile(str(LOCALE / "th" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalogues_are_up_to_date():
    for language in ("th", "en"):
        folder = LOCALE / language / "LC_MESSAGES"
        po = polib.pofile(str(folder / "django.po"))
        mo = polib.mofile(str(folder / "django.mo"))
        compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
        for entry in po.translated_entries():
            assert (entry.msgctxt, entry.msgid) in compiled, entry.msgid
