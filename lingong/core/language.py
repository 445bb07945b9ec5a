"""Which language a piece of text people typed is in (names, places, notes)."""

from __future__ import annotations


def text_language(text) -> str:
    """'bo' for text mostly in Tibetan script, else 'zh-hans': the `lang` a mixed-language span carries."""
    text = str(text or "")
    tibetan = sum(1 for c in text if "\u0f00" <= c <= "\u0fff")
    han = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return "bo" if tibetan > han else "zh-hans"
