"""Tibetan case particles chosen by the last letter of the word before them.

Classical grammar (Situ's sum cu pa) picks the form of a particle by the
final letter of the preceding syllable: its suffix (རྗེས་འཇུག), its second
suffix (ཡང་འཇུག ས, or the old ད་དྲག), or, when the syllable has no suffix or
ends in འ, its vowel. A name pasted in from data ("…ཁྲོམ་ར།") must not carry
its shad into the middle of a sentence, and "ཁྲོམ་ར" + genitive is
"ཁྲོམ་རའི", not "ཁྲོམ་ར།ཡི". This module is pure (no Django) and is used by
the template filters in `lingong/core/templatetags/tibetan.py`.

`bo_final(word)` returns the letter that decides (one of ག ང ད ན བ མ འ ར ལ
ས), `DA_DRAG`, `VOWEL`, or `OTHER` for a word that does not end in Tibetan
script (Arabic digits, Latin, a bracket). For `OTHER`, the free-standing
forms are used (ཡི, ཡིས, ལ, ཡང, སྟེ), which read correctly after any word.

The `bo_<particle>(word)` functions return the word without its trailing
tsheg/shad, joined to the particle: attached to the syllable after a vowel
(ཁྲོམ་རའི, ལྷ་སར, ལས་བདག་གིས), with a tsheg otherwise. They add no tsheg after
the particle: the template writes what follows.
"""

from __future__ import annotations

TSHEG = "\u0f0b"
SHAD = "\u0f0d"
VOWEL = "vowel"
DA_DRAG = "da_drag"
OTHER = "other"

# What may trail a word in data and never belongs inside a sentence: tsheg, the
# non-breaking tsheg, shad and its variants, head marks, spaces.
_TRAILING = "\u0f0b\u0f0c\u0f0d\u0f0e\u0f0f\u0f10\u0f11\u0f12\u0f14 \u00a0\u3000\t\n"
_BASE = range(0x0F40, 0x0F6D)  # root letters ཀ … ཬ
_SUBJOINED = range(0x0F90, 0x0FBD)  # subjoined letters ྐ … ྼ
_VOWEL_SIGNS = set(range(0x0F71, 0x0F7E)) | {0x0F80, 0x0F81}
_SUFFIXES = set("གངདནབམའརལས")

# Particle forms by final. Attached forms (after a vowel) start with no tsheg.
_GENITIVE = {"ད": "ཀྱི", "བ": "ཀྱི", "ས": "ཀྱི", DA_DRAG: "ཀྱི", "ན": "གྱི", "མ": "གྱི", "ར": "གྱི", "ལ": "གྱི",
             "ག": "གི", "ང": "གི"}  # fmt: skip
_LADON = {"ས": "སུ", "ག": "ཏུ", "བ": "ཏུ", DA_DRAG: "ཏུ", "ང": "དུ", "ད": "དུ", "ན": "དུ", "མ": "དུ", "ར": "དུ",
          "ལ": "དུ"}  # fmt: skip
_ALSO = {"ག": "ཀྱང", "ད": "ཀྱང", "བ": "ཀྱང", "ས": "ཀྱང", DA_DRAG: "ཀྱང", "ང": "ཡང", "ན": "ཡང", "མ": "ཡང",
         "ར": "ཡང", "ལ": "ཡང"}  # fmt: skip
_TE = {"ན": "ཏེ", "ར": "ཏེ", "ལ": "ཏེ", "ས": "ཏེ", DA_DRAG: "ཏེ", "ད": "དེ", "ག": "སྟེ", "ང": "སྟེ", "བ": "སྟེ",
       "མ": "སྟེ"}  # fmt: skip
_QUOTE = {"ག": "ཅེས", "ད": "ཅེས", "བ": "ཅེས", DA_DRAG: "ཅེས", "ས": "ཤེས", "ང": "ཞེས", "ན": "ཞེས", "མ": "ཞེས",
          "ར": "ཞེས", "ལ": "ཞེས"}  # fmt: skip


def bo_bare(word: str) -> str:
    """The word without trailing tsheg, shad or space (a name from data ends in "།" or "ང་།")."""
    return (word or "").rstrip(_TRAILING)


def _is(char: str, kind) -> bool:
    return ord(char) in kind


def bo_final(word: str) -> str:
    """The letter (or VOWEL, DA_DRAG, OTHER) that decides the particle after `word`."""
    bare = bo_bare(word)
    if not bare:
        return OTHER
    syllable = bare.rsplit(TSHEG, 1)[-1].split()[-1]
    last = syllable[-1]
    if ord(last) in _VOWEL_SIGNS or _is(last, _SUBJOINED):
        return VOWEL
    if not _is(last, _BASE):
        return OTHER
    letters = [(i, c) for i, c in enumerate(syllable) if _is(c, _BASE)]
    if len(letters) == 1 or last == "འ" or last not in _SUFFIXES:
        # One letter carries the inherent a (ཁ, ས, ང); འ closes an open syllable (དགའ); a letter that is
        # never a suffix (a transcribed ཧ, ཙ) is read with its a.
        return VOWEL
    if last == "ད" and letters[-2][1] in "ནརལ":
        # ད after ན ར ལ is the old second suffix (ད་དྲག) when that letter is itself a suffix: a vowel sign
        # or a subjoined letter comes before it, or three letters do.
        before = syllable[: letters[-2][0]]
        if any(ord(c) in _VOWEL_SIGNS or _is(c, _SUBJOINED) for c in before) or len(letters) >= 4:
            return DA_DRAG
    return last


def _attach(word: str, table: dict, after_vowel: str, other: str) -> str:
    bare = bo_bare(word)
    final = bo_final(bare)
    if final == OTHER:
        return f"{bare} {other}" if bare else other
    if final == VOWEL:
        stem = bare[:-1] if bare.endswith("འ") and after_vowel[0] != "འ" else bare
        if bare.endswith("འ") and after_vowel.startswith("འ"):
            stem, after_vowel = bare, after_vowel[1:]
        return stem + after_vowel
    return bare + TSHEG + table[final]


def bo_genitive(word: str) -> str:
    """X's: ཀྱི / གྱི / གི / འི (attached after a vowel; ཡི after a non-Tibetan ending)."""
    return _attach(word, _GENITIVE, "འི", "ཡི")


def bo_instrumental(word: str) -> str:
    """By X (the agent): ཀྱིས / གྱིས / གིས / ས (attached after a vowel; ཡིས after a non-Tibetan ending)."""
    return _attach(word, {k: v + "ས" for k, v in _GENITIVE.items()}, "ས", "ཡིས")


def bo_ladon(word: str) -> str:
    """To / at / into X: སུ / ཏུ / དུ / ར (attached after a vowel; ལ after a non-Tibetan ending)."""
    return _attach(word, _LADON, "ར", "ལ")


def bo_also(word: str) -> str:
    """X too / even X: ཀྱང / ཡང / འང (attached after a vowel)."""
    return _attach(word, _ALSO, "འང", "ཡང")


def _separate(word: str, table: dict, open_form: str) -> str:
    """A particle that stands as its own syllable; `open_form` after a vowel or a non-Tibetan ending."""
    bare = bo_bare(word)
    final = bo_final(bare)
    if final == OTHER:
        return f"{bare} {open_form}"
    return bare + TSHEG + (open_form if final == VOWEL else table[final])


def bo_te(word: str) -> str:
    """The continuative (ལྷག་བཅས): ཏེ / དེ / སྟེ (སྟེ after a vowel)."""
    return _separate(word, _TE, "སྟེ")


def bo_quote(word: str) -> str:
    """The quotation marker after quoted words or a name: ཅེས / ཤེས / ཞེས (ཞེས after a vowel)."""
    return _separate(word, _QUOTE, "ཞེས")


def bo_particle(word: str, kind: str) -> str:
    """The particle alone (no word), e.g. for a table of forms: kind is genitive, instrumental, ladon, also, te, quote."""
    joined = {"genitive": bo_genitive, "instrumental": bo_instrumental, "ladon": bo_ladon, "also": bo_also,
              "te": bo_te, "quote": bo_quote}[kind](word)  # fmt: skip
    bare = bo_bare(word)
    final = bo_final(bare)
    if final == VOWEL and bare.endswith("འ"):
        return joined[len(bare) - 1 :]
    return joined[len(bare) :].lstrip(TSHEG + " ")
