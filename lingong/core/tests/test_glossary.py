"""The bo catalogue, the templates and the data use the glossary's terms (lingong/core/glossary.py)."""

from pathlib import Path

import polib
from django.conf import settings

from lingong.core.glossary import (
    ALLOW_MARK,
    EXEMPT,
    HTML,
    PO,
    PY,
    RULES,
    Rule,
    particle_mismatches,
    term_replace,
    violations,
)

ROOT = Path(settings.BASE_DIR)
BO_PO = ROOT / "lingong" / "locale" / "bo" / "LC_MESSAGES" / "django.po"


def _held_files():
    for path in sorted((ROOT / "lingong").rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix not in (".html", ".py", ".txt", ".json") or any(part in f"/{rel}" for part in EXEMPT):
            continue
        yield rel, path


def _report(found: list[tuple[str, int, Rule, str]]) -> str:
    return "\n".join(
        f"{where}:{line}: {variant!r} ({rule.topic}): write {rule.preferred}" for where, line, rule, variant in found
    )


def test_bo_catalogue_uses_the_glossary():
    found = []
    for entry in polib.pofile(str(BO_PO)):
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            found += [
                (f"{BO_PO.relative_to(ROOT)}", entry.linenum, rule, variant)
                for _, rule, variant in violations(text, PO)
            ]
    assert not found, "\n" + _report(found)


def test_templates_and_data_use_the_glossary():
    found = []
    for rel, path in _held_files():
        text = path.read_text(encoding="utf-8")
        if not any("\u0f00" <= ch <= "\u0fff" for ch in text):
            continue
        scope = PY if path.suffix in (".py", ".json") else HTML
        lines = text.splitlines()
        found += [
            (rel, line, rule, variant)
            for line, rule, variant in violations(text, scope)
            if ALLOW_MARK not in lines[line - 1]
        ]
    assert not found, "\n" + _report(found)


def test_the_scan_finds_each_rejected_variant():
    """Each rule catches what it rejects (a table entry that matches nothing would let anything through)."""
    samples = {
        "station (驿站)": "ཀུན་བདེ་གླིང་ས་ཚིགས།",
        "press (按)": "མཐེབ་གནོན་མནོན་རོགས།",
        "quotation marks": 'ནང་"ངའི་ལས་ཀ"ལྟ་རོགས།',
        "no colon after a shad": "ཁ་པར།: 12333",
        "no shad before a particle (ཁྲོམ་ར།ཡི)": "ཁྲོམ་ར།ཡི་སྒེའུ་ཁུང་།",
        "unit order: amount, then the pay unit (180 སྒོར་མོ་/ཉིན་རེ)": "ཉིན་རེར་སྒོར་180",
        "date (one style)": "སྤྱི་ལོ་2026 ཟླ་11 ཚེས་6",
        "a tsheg before the shad only after ང (མིང་།, but ཐུང་འཕྲིན།)": "ཐུང་འཕྲིན་།",
        "no shad after a final ག or ཀ (ནོར་འདུག ཡང་བསྐྱར…)": "ནོར་འདུག།",
        "unpaid wages: the employer owes the worker": "ཁྱེད་ལ་བུ་ལོན་ཡོད་པའི་ལས་བདག",
    }
    for topic, sample in samples.items():
        hits = [rule.topic for _, rule, _ in violations(sample, PO)]
        assert topic in hits, (topic, sample, hits)
    assert violations("ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས། 180 སྒོར་མོ་/ཉིན་རེ། “ངའི་ལས་ཀ” མིང་། ནོར་འདུག ཡང་བསྐྱར།", PO) == []
    assert {rule.topic for rule in RULES} >= set(samples)


def test_python_quotes_are_not_quotation_marks():
    assert violations('NAME = "བབ་ཚུགས"', PY) == []
    assert {rule.topic for _, rule, _ in violations('"བབ་ཚུགས"', HTML)} == {"quotation marks"}


def test_term_replace_repicks_the_particle():
    assert term_replace("ཁ་པར་གྱིས་ཨང་རྟགས་ཀྱིས་ར་སྤྲོད།", "ཨང་རྟགས", "ཨང་རྟགས་གྲུ་བཞི") == "ཁ་པར་གྱིས་ཨང་རྟགས་གྲུ་བཞིས་ར་སྤྲོད།"
    assert term_replace("མཐེབ་གཅུས་ཀྱིས་འབྲི།", "མཐེབ་གཅུས", "མཐེབ་གནོན") == "མཐེབ་གནོན་གྱིས་འབྲི།"
    assert term_replace("ཐོ་ཁོངས་སུ་སྤོ།", "ཐོ་ཁོངས", "རྩིས་ཁྲ") == "རྩིས་ཁྲར་སྤོ།"
    assert term_replace("ས་ཚིགས་ཀྱི་ལས་བྱེད་པ།", "ས་ཚིགས", "བབ་ཚུགས") == "བབ་ཚུགས་ཀྱི་ལས་བྱེད་པ།"


def test_the_docs_record_every_decision():
    """docs/translation.md names the preferred term of every rule (the docs and the table stay one)."""
    docs = (ROOT / "docs" / "translation.md").read_text(encoding="utf-8")
    for rule in RULES:
        term = rule.preferred.split(" (")[0].split(" / ")[0].strip("…")
        assert term in docs, (rule.topic, term)


def test_case_particles_agree_with_the_word_before_them():
    """Every ཀྱི/གྱི/གི, ཀྱིས/གྱིས/གིས, སུ/ཏུ/དུ joined to a word in the bo catalogue is the one its last letter takes."""
    found = []
    for entry in polib.pofile(str(BO_PO)):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            found += [
                f"django.po:{entry.linenum}: {w}་{p} → {w}{'' if q in ('འི', 'ས', 'ར') else '་'}{q}"
                for w, p, q in particle_mismatches(text)
            ]
    assert not found, "\n".join(found)


def test_the_particle_check_finds_a_wrong_particle():
    assert particle_mismatches("ལས་བདག་གྱི་མིང་། ཁྲོམ་ར་ཀྱི་སྒེའུ་ཁུང་། བབ་ཚུགས་དུ།") == [
        ("བདག", "གྱི", "གི"),
        ("ར", "ཀྱི", "འི"),
        ("ཚུགས", "དུ", "སུ"),
    ]
    assert particle_mismatches("ལས་བདག་གི་མིང་། ལྟ་གི་རེད། མི་སུ་ཡང་མེད། བབ་ཚུགས་སུ།") == []
