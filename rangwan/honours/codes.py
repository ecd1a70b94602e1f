"""Certificate codes: 12 characters of Crockford's base32 (no I, L, O or U, so nothing
reads as another character), drawn with `secrets`: 60 random bits, printed in three
groups of four (K7QM-3XWD-9TRB). Typing is forgiving: lower case, spaces, dashes and
the look-alikes O, I and L are read as what they must mean."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str | None:
    """The code as stored, or None when the text cannot be a code."""
    text = re.sub(r"[\s\-]", "", str(typed)).upper().translate(_LOOK_ALIKES)
    return text if _VALID.match(text) else None


def grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
