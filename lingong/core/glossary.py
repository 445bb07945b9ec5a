"""The Tibetan glossary's decisions and the variants it rejects, in one table.

docs/translation.md records the decisions in words; this table is what
`lingong/core/tests/test_glossary.py` holds the bo catalogue, the templates and
the data to: a rejected variant anywhere fails with file:line and the
preferred term. `term_replace` swaps a term and re-picks the particle after it
by the new word's last letter (lingong/core/tibetan.py), so that a fix never
leaves "…གྲུ་བཞི་ཀྱིས" behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lingong.core.tibetan import bo_genitive, bo_instrumental, bo_ladon, bo_particle

PO, HTML, PY = "po", "html", "py"
ALL = frozenset({PO, HTML, PY})
TEXT = frozenset({PO, HTML})  # quotation marks: Python source has its own quotes


@dataclass(frozen=True)
class Rule:
    topic: str
    preferred: str
    rejected: str  # a regular expression
    scopes: frozenset = ALL


RULES = [
    Rule("station (驿站)", "བབ་ཚུགས", r"ས་ཚིགས"),
    Rule("gig (零工): gig station, gig market", "ལས་ཀ་ཐོར་བུ", r"གནས་སྐབས་ལས་ཀ"),
    Rule("gig market (零工市场)", "ལས་ཀ་ཐོར་བུའི་ཁྲོམ་ར", r"(?<!ཐོར་བུའི་)ལས་ཀའི་ཁྲོམ་ར"),
    Rule("gig worker (零工)", "ལས་མི", r"ལས་ཀ་ཐོར་བུ་བ(?=[་།\s])|ལས་ཀ་ཐོར་བུའི་ལས་མི"),
    Rule("employer (雇主)", "ལས་བདག", r"ལས་བཀོལ་བ|བཀོལ་མཁན"),
    Rule("press (按)", "མནན", r"མནོན|གནོན་རོགས|ནོན་རོགས"),
    Rule("button (按钮)", "མཐེབ་གནོན", r"མཐེབ་གཅུས|མཐེབ་ལྕགས"),
    Rule("QR code (二维码)", "ཨང་རྟགས་གྲུ་བཞི", r"QR\s?ཨང|ཨང་རྟགས་(?:འདི་|གསར་པ་|ཡང་བསྐྱར་)?བཤེར"),
    Rule("SMS (短信)", "ཐུང་འཕྲིན", r"འཕྲིན་ཐུང"),
    Rule("SMS code (短信验证码)", "ཐུང་འཕྲིན་ར་སྤྲོད་ཨང", r"ར་སྤྲོད་ཨང་གྲངས|འཕྲིན་ཐུང་ནང་གི་ཨང་རྟགས"),
    Rule("ID number / ID card (身份证)", "ངོ་རྟགས་ཨང་གྲངས / ངོ་རྟགས་ལག་ཁྱེར", r"ཐོབ་ཐང་ལག་ཁྱེར"),
    Rule("rights (权益)", "ཐོབ་ཐང", r"ཁེ་དབང"),
    Rule("per piece (元/件)", "སྒོར་མོ་/ཅ་ལག་རེ", r"ཆ་རེར་སྒོར|སྒོར་མོ་/ཆ་རེ|སྒོར་མོ་/གྲངས་རེ"),
    Rule(
        "unit order: amount, then the pay unit (180 སྒོར་མོ་/ཉིན་རེ)",
        "སྒོར་མོ་/ཉིན་རེ (after the amount)",
        r"(?:ཆུ་ཚོད|ཉིན|ཟླ|ཆ|ཅ་ལག)་རེར་སྒོར|སྒོར(?:་མོ)?་\s?(?:%\(|\{|\d)",
    ),
    Rule("account, bank account (账户)", "རྩིས་ཁྲ / དངུལ་ཁང་གི་རྩིས་ཁྲ", r"ཐོ་ཁོངས|རྩིས་ཐོ"),
    Rule(
        "unified social credit code (统一社会信用代码)",
        "གཅིག་གྱུར་སྤྱི་ཚོགས་ཡིད་རྟོན་ཚབ་རྟགས (short: ཡིད་རྟོན་ཚབ་རྟགས)",
        r"ཡིད་རྟོན་ཨང་རྟགས|(?<!གཅིག་གྱུར་)སྤྱི་ཚོགས་ཡིད་རྟོན་ཚབ་རྟགས",
    ),
    Rule("unpaid wages: the employer owes the worker", "གླ་ཕོགས་མ་སྤྲད་པ", r"ཁྱེད་ལ་བུ་ལོན་ཡོད"),
    Rule("quotation marks", "“ ”", r"\"[\u0f00-\u0fff]|[\u0f00-\u0fff]\"|[«»《》「」]", TEXT),
    Rule("no colon after a shad", "། (nothing after it)", r"[།༎]\s?:"),
    Rule("no shad before a particle (ཁྲོམ་ར།ཡི)", "ཁྲོམ་རའི (the |bo_genitive filter)", r"།(?:ཡིས?|ཀྱིས?|གྱིས?|གིས?)་"),
    Rule(
        "after a station's or a place's placeholder only a particle that never changes (ནང་གི, ལ, ནས)",
        "%(station)s ནང་གི་… / %(place)s ལ་…",
        r"%\((?:station|place)\)s(?:</span>)?\s?(?:ཡིས?|ཀྱིས?|གྱིས?|གིས?|སུ|ཏུ|དུ)[་།]",
        frozenset({PO}),
    ),
    Rule("a tsheg before the shad only after ང (མིང་།, but ཐུང་འཕྲིན།)", "…ན། / …ང་།", r"(?<!ང)་།"),
    Rule("no shad after a final ག or ཀ (ནོར་འདུག ཡང་བསྐྱར…)", "…ག / …ཀ (a space, no shad)", r"[གཀ]།"),
    Rule("date (one style)", "2026 ལོའི་ཟླ་ 11 ཚེས་ 23", r"སྤྱི་ལོ་\s?\d"),
]

# Files held to the table: the catalogue's msgstrs, the templates and the Python that carries Tibetan data.
# Not held: tests, migrations (history), this table and the grammar module (they quote the variants), and
# the signed agreement text of 2026-11-v1, which must stay byte for byte as it was signed.
EXEMPT = (
    "/tests/",
    "/migrations/",
    "lingong/core/glossary.py",
    "lingong/core/tibetan.py",
    "lingong/agreements/templates/agreements/agreement_2026-11-v1.html",
    "lingong/agreements/terms_v1.py",
)
# A line of code that writes a variant on purpose (a rule about punctuation, say) carries this mark.
ALLOW_MARK = "glossary: not text"


def violations(text: str, scope: str) -> list[tuple[int, Rule, str]]:
    """(line number within text, rule, the variant found) for each rejected variant."""
    found = []
    for rule in RULES:
        if scope not in rule.scopes:
            continue
        for match in re.finditer(rule.rejected, text):
            found.append((text.count("\n", 0, match.start()) + 1, rule, match.group(0)))
    return sorted(found, key=lambda item: item[0])


_PARTICLES = {
    "genitive": (bo_genitive, ("ཀྱི", "གྱི", "གི")),
    "instrumental": (bo_instrumental, ("ཀྱིས", "གྱིས", "གིས")),
    "ladon": (bo_ladon, ("སུ", "ཏུ", "དུ")),
}


def term_replace(text: str, old: str, new: str) -> str:
    """Replace the word `old` with `new`; a particle right after it is re-picked for `new`'s last letter."""
    forms = {}
    for make, _ in _PARTICLES.values():
        forms[make(old)] = make(new)
    forms[old] = new
    pattern = "|".join(
        re.escape(form) + (r"(?=[་།\s]|$)" if form != old else "") for form in sorted(forms, key=len, reverse=True)
    )
    return re.sub(pattern, lambda match: forms[match.group(0)], text)


_SYLLABLE = "[\u0f40-\u0f6c\u0f71-\u0f87\u0f90-\u0fbc]+"
_JOINED_PARTICLE = re.compile(f"({_SYLLABLE})་(ཀྱིས|གྱིས|གིས|ཀྱི|གྱི|གི|སུ|ཏུ|དུ)(?=([་།\\s]|$))")
_KINDS = {"ཀྱིས": "instrumental", "གྱིས": "instrumental", "གིས": "instrumental", "ཀྱི": "genitive", "གྱི": "genitive",
          "གི": "genitive", "སུ": "ladon", "ཏུ": "ladon", "དུ": "ladon"}  # fmt: skip
# Spoken Lhasa verb endings (ལྟ་གི་རེད, བྱེད་ཀྱི་ཡོད): after a vowel the auxiliary is གི, not འི.
_AUXILIARY = re.compile("་(?:རེད|ཡོད|ཡིན|འདུག)")
# སུ is also the pronoun "who" (སུ་ཡང, སུ་ལའང, སུ་ཡིན).
_PRONOUN_SU = re.compile("་(?:ཡང|ལ|ལའང|ཡིན|ཞིག|ཡོད|རེད)")


def particle_mismatches(text: str) -> list[tuple[str, str, str]]:
    """(word, particle written, particle its last letter takes) for each joined case particle that disagrees."""
    found = []
    for match in _JOINED_PARTICLE.finditer(text):
        word, particle = match.group(1), match.group(2)
        rest = text[match.end() :]
        if particle == "སུ" and _PRONOUN_SU.match(rest):
            continue
        wanted = bo_particle(word, _KINDS[particle])
        if wanted == "འི" and particle == "གི" and _AUXILIARY.match(rest):
            continue
        if wanted != particle:
            found.append((word, particle, wanted))
    return found
