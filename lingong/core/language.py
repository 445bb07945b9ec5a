"""Which language a piece of text people typed is in (names, places, notes)."""

from __future__ import annotations


def text_language(text) -> str:
    """'bo' for text mostly in Tibetan script, else 'zh-hans': the `lang` a mixed-language span carries."""
    text = str(text or "")
    tibetan = sum(1 for c in text if "\u0f00" <= c <= "\u0fff")
    han = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return "bo" if tibetan > han else "zh-hans"


TIBETAN_SHAD = "\u0f0d"


def label_with_colon(label, language: str | None) -> str:
    """A label before its value (`Phone: 139…`), punctuated as the page's language writes it.

    Chinese and English take a colon. Tibetan takes none: a colon after the shad (a shad, then ":")
    is not Tibetan. A Tibetan label ends with its shad (added when the translation has
    none), as docs/translation.md writes it: after a final ག or ཀ no shad; after ང a tsheg
    before the shad (`མིང་།`).
    """
    text = str(label or "").rstrip()
    if (language or "").lower().startswith("bo"):
        if not text or text.endswith((TIBETAN_SHAD, "\u0f0e", "\u0f14", "\u0f42", "\u0f40")):
            return text
        text = text.rstrip("\u0f0b")
        return text + ("\u0f0b" if text.endswith("\u0f44") else "") + TIBETAN_SHAD
    return f"{text}:"
