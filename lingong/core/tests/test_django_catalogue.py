"""Every Django string a person can see has its Tibetan in lingong/locale_django/bo.

Django ships no `bo` locale: without this catalogue Tibetan pages fall back to
Django's Chinese ("这个字段是必填项。"). The msgids are read from Django's own
English catalogues in the installed Django, so an upgrade that adds or changes
a string fails here with the list of what to translate (docs/translation.md,
"Django's own strings").
"""

from __future__ import annotations

import re
from pathlib import Path

import django
import polib
from django.conf import global_settings, settings

DJANGO = Path(django.__file__).parent
OURS = Path(settings.LOCALE_PATHS[1]) / "bo" / "LC_MESSAGES" / "django.po"
# The parts of Django that Lingong installs and whose strings reach a screen.
SOURCES = {
    "core": DJANGO / "conf" / "locale",
    "auth": DJANGO / "contrib" / "auth" / "locale",
    "admin": DJANGO / "contrib" / "admin" / "locale",
    "humanize": DJANGO / "contrib" / "humanize" / "locale",
    "contenttypes": DJANGO / "contrib" / "contenttypes" / "locale",
    "sessions": DJANGO / "contrib" / "sessions" / "locale",
}

# Left out on purpose: strings that cannot reach a Lingong screen (docs/translation.md).
LANGUAGE_NAMES = {name for _code, name in global_settings.LANGUAGES}  # only Django's language list uses them
LEFT_OUT = {
    # the names of apps without models: the admin never lists them
    "Messages", "Site Maps", "Static Files", "Syndication",
    # model field descriptions: read only by admindocs, which is not installed
    "Field of type: %(field_type)s", "Boolean (Either True or False)", "String (up to %(max_length)s)",
    "String (unlimited)", "Comma-separated integers", "Date (without time)", "Date (with time)",
    "Decimal number", "Duration", "Email address", "File path", "Floating point number", "Integer",
    "Big (8 byte) integer", "Small integer", "IPv4 address", "IP address", "Boolean (Either True, False or None)",
    "Positive big integer", "Positive integer", "Positive small integer", "Slug (up to %(max_length)s)", "Text",
    "Time", "URL", "Raw binary data", "Universally unique identifier", "File", "Image", "A JSON object",
    "Foreign Key (type determined by related field)", "One-to-one relationship", "%(from)s-%(to)s relationship",
    "%(from)s-%(to)s relationships", "Many-to-many relationship",
    # 404 texts of Django's generic date views, static serving and the content-type shortcut: our 404 page
    # never shows an exception's text; and the DEBUG-only welcome page
    "No year specified", "Date out of range", "No month specified", "No day specified", "No week specified",
    "No %(verbose_name_plural)s available",
    "Future %(verbose_name_plural)s not available because %(class_name)s.allow_future is False.",
    "Invalid date string “%(datestr)s” given format “%(format)s”", "No %(verbose_name)s found matching the query",
    "Page is not “last”, nor can it be converted to an int.", "Invalid page (%(page_number)s): %(message)s",
    "Empty list and “%(class_name)s.allow_empty” is False.", "Directory indexes are not allowed here.",
    "“%(path)s” does not exist", "Index of %(directory)s", "The install worked successfully! Congratulations!",
    'View <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" rel="noopener">'
    "release notes</a> for Django %(version)s",
    'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug"'
    ' target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.',
    "Django Documentation", "Topics, references, &amp; how-to’s", "Tutorial: A Polling App",
    "Get started with Django", "Django Community", "Connect, get help, or contribute",
    "Content type %(ct_id)s object has no associated model",
    "Content type %(ct_id)s object %(obj_id)s doesn’t exist",
    "%(ct_name)s objects don’t have a get_absolute_url() method", "python model class name",
}  # fmt: skip

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]|%[sdr]|\{[a-z_0-9]*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


def _seen_entries():
    for app, root in SOURCES.items():
        for entry in polib.pofile(str(root / "en" / "LC_MESSAGES" / "django.po")):
            if entry.obsolete or entry.msgid in LANGUAGE_NAMES or entry.msgid in LEFT_OUT:
                continue
            yield app, entry


def _ours():
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(OURS)) if not e.obsolete}


def test_every_seen_django_string_is_translated():
    ours = _ours()
    missing = []
    for app, entry in _seen_entries():
        mine = ours.get((entry.msgctxt, entry.msgid))
        text = (mine.msgstr_plural.get(0, "") if mine and mine.msgid_plural else mine.msgstr) if mine else ""
        if not text.strip(" ") and entry.msgid != ":" or (mine and "fuzzy" in mine.flags):
            missing.append(f"{app}: {entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}")
    assert not missing, f"Translate in {OURS.relative_to(settings.BASE_DIR)}:\n" + "\n".join(missing)


def test_placeholders_match():
    ours = _ours()
    wrong = []
    for _app, entry in _seen_entries():
        mine = ours.get((entry.msgctxt, entry.msgid))
        if mine is None:
            continue
        text = mine.msgstr_plural.get(0, "") if mine.msgid_plural else mine.msgstr
        expected = _placeholders(entry.msgid_plural or entry.msgid)
        if "%(" not in entry.msgid_plural and entry.msgid_plural:  # "an hour ago" / "%(count)s hours ago"
            expected = _placeholders(entry.msgid_plural)
        if _placeholders(text) != expected:
            wrong.append(f"{entry.msgid!r}: {expected} ≠ {_placeholders(text)}")
    assert not wrong, "\n".join(wrong)


def test_plural_entries_have_one_form():
    po = polib.pofile(str(OURS))
    assert "nplurals=1; plural=0;" in po.metadata["Plural-Forms"]
    assert all(list(e.msgstr_plural) == [0] for e in po if e.msgid_plural)


def test_no_chinese_or_latin_words_in_the_tibetan():
    """Only placeholders, units (KB…), digits and a few technical names may be Latin."""
    # GET, POST: the HTTP methods, in axes' field labels ("GET Data")
    allowed = {"IPv", "KB", "MB", "GB", "TB", "PB", "NUL", "CSRF", "Referer", "cookie", "DEBUG",
               "True", "Control", "Command", "strong", "em", "a", "z", "A", "Z", "meta", "name", "referrer",
               "content", "no", "rel", "noreferrer", "Referrer", "Policy",
               "GET", "POST"}  # fmt: skip
    bad = []
    for entry in polib.pofile(str(OURS)):
        text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        words = set(re.findall(r"[A-Za-z]+", PLACEHOLDER.sub("", text))) - allowed
        if words or re.search(r"[\u4e00-\u9fff]", text):
            bad.append(f"{entry.msgid!r}: {text!r}")
    assert not bad, "\n".join(bad)


def test_makemessages_never_writes_into_the_django_catalogue():
    """makemessages puts a file's msgids into the first LOCALE_PATHS entry whose parent holds the file,
    else into the first entry: ours comes first and its parent holds the Django catalogue's parent."""
    first, django_bo = (Path(p).resolve() for p in settings.LOCALE_PATHS[:2])
    assert first == (settings.BASE_DIR / "lingong" / "locale").resolve()
    assert django_bo.parent == first.parent or first.parent in django_bo.parents
    assert django_bo.name != "locale"  # makemessages also adopts any directory named `locale` it walks into


def test_tibetan_labels_get_no_latin_colon():
    """Django adds `_(":")` after a label unless it ends with one of `_(":?.!")`: in Tibetan a label that
    ends with a shad gets nothing, any other only a space; never a Latin colon after a shad."""
    from django import forms  # noqa: PLC0415  only this test builds a form
    from django.utils import translation  # noqa: PLC0415

    class Form(forms.Form):
        name = forms.CharField(label="མིང་།")
        phone = forms.CharField(label="ཁ་པར་ཨང་གྲངས")

    with translation.override("bo"):
        form = Form()
        assert form["name"].label_tag() == '<label for="id_name">མིང་།</label>'
        assert form["phone"].label_tag() == '<label for="id_phone">ཁ་པར་ཨང་གྲངས </label>'
        assert ":" not in form.as_div() and "：" not in form.as_div()
    with translation.override("zh-hans"):  # Chinese keeps Django's own suffix
        assert Form()["phone"].label_tag().endswith(translation.gettext(":") + "</label>")
