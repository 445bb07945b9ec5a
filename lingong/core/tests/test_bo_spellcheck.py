"""The Tibetan catalogue's spell check (scripts/bo_spellcheck.py, Debian's hunspell-bo): no new unknown syllable."""

import importlib.util
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "bo_spellcheck.py"


@pytest.fixture(scope="module")
def spellcheck():
    spec = importlib.util.spec_from_file_location("bo_spellcheck", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    missing = module.available()
    assert not missing, f"{missing}: the spell check needs it"
    return module


def _po(tmp_path, *msgstrs) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for number, msgstr in enumerate(msgstrs):
        po.append(polib.POEntry(msgid=f"message {number}", msgstr=msgstr))
    path = tmp_path / "django.po"
    po.save(str(path))
    return path


def test_the_bo_catalogue_has_no_new_unknown_syllable(spellcheck):
    lines, new = spellcheck.report()
    assert new == [], "\n".join(lines)


def test_every_allowed_syllable_has_a_reason(spellcheck):
    allowed = spellcheck.allow_list()
    assert allowed
    assert all(reason for reason in allowed.values()), allowed


def test_a_misspelt_syllable_is_reported_with_its_msgid(spellcheck, tmp_path, capsys):
    path = _po(tmp_path, "ལས་ཀ་ཐོར་བུའི་བབ་ཚུགས།", "ལས་བདག་ཀཀཀ་གིས།", "ཆན་ཁྲེང་ཝུ་ཡོའུ 51job")
    lines, new = spellcheck.report(path)
    assert new == ["ཀཀཀ"]
    assert any(line.startswith("ཀཀཀ\t1\tNEW") and line.endswith("message 1") for line in lines), lines
    assert any(line.startswith("ཡོའུ\t1\tallowed: Transcriptions of Chinese names") for line in lines), lines
    assert spellcheck.main(["bo_spellcheck.py", str(path)]) == 0  # a report, as CI prints it
    assert spellcheck.main(["bo_spellcheck.py", "--strict", str(path)]) == 1
    assert "ཀཀཀ" in capsys.readouterr().err


def test_a_clean_catalogue_passes_strict(spellcheck, tmp_path):
    path = _po(tmp_path, "ནོར་འདུག ཡང་བསྐྱར་འབྲི་རོགས།", "མིང་།", "སྒོར་མོ་/ཉིན་རེ།")
    assert spellcheck.report(path)[1] == []
    assert spellcheck.main(["bo_spellcheck.py", "--strict", str(path)]) == 0
