"""Shared base for the pure validators (ID numbers, phones, credit codes).

The validators run on raw kiosk and form input, so they share one way to
turn "anything" into comparable text, and one error type that carries a
stable code for programs and a lazily translated message for people.
Nothing here touches the ORM or needs Django settings at import time.
"""

from __future__ import annotations

import unicodedata

from django.utils.functional import Promise

# Longer input is rejected before any Unicode work, so a pasted novel
# costs nothing; no identifier we validate is anywhere near this long.
MAX_RAW_LENGTH = 64


class ValidationProblem(ValueError):
    """An input that breaks a documented rule.

    `code` is stable (tests and API clients compare it); `message` is a
    lazy translation, evaluated only when shown, and never contains the
    input itself (it may be personal data). `str()` gives the code so that
    logging an error never needs translations nor leaks the value.
    """

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(code)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r})"


def compact_text(value: object, *, drop: str = "") -> str | None:
    """Return `value` NFKC-normalised, upper-cased, without whitespace.

    NFKC turns full-width kiosk input (`１２３ｘ`, ideographic spaces) into
    ASCII. Whitespace and invisible format characters (zero-width space,
    BOM: category Cf) are removed anywhere, since people and copy-paste
    put them inside numbers; so are the characters in `drop`.
    Returns None for non-text or absurdly long input, so each validator
    can raise its own error type.
    """
    if not isinstance(value, str) or len(value) > MAX_RAW_LENGTH:
        return None
    text = unicodedata.normalize("NFKC", str.__str__(value))
    kept = (ch for ch in text if not (ch.isspace() or ch in drop or unicodedata.category(ch) == "Cf"))
    return "".join(kept).upper()


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 only (`str.isdigit` also accepts `٣`, `²`)."""
    return bool(text) and text.isascii() and text.isdigit()
