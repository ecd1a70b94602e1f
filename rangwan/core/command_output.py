"""What management commands print: the person at the server's terminal may read Thai or
English, so every message comes in Thai and then in English."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.utils import translation

LANGUAGES = ("th", "en")


def in_thai_and_english(render: Callable[[], str | Iterable[str]]) -> str:
    """Call `render` once in each language (it must translate inside, not before) and
    join what it gives: the Thai block first, then the English one."""
    blocks = []
    for language in LANGUAGES:
        with translation.override(language):
            text = render()
            blocks.append(text if isinstance(text, str) else "\n".join(text))
    return "\n".join(blocks)


def error_in_thai_and_english(error: ValidationError) -> str:
    """A validation error's messages in both languages (they must be lazy to translate)."""
    return in_thai_and_english(lambda: error.messages)
