"""The installed third-party apps (django-axes, django-otp) speak Tibetan and Chinese in the admin.

Neither ships a `bo` or `zh_Hans` catalogue. Their msgids are extracted here at test time, as makemessages
does it (Django's `templatize` for templates, xgettext with makemessages' keywords), from the installed
packages: an upgrade that adds or changes a string fails with the list of what to translate in
`lingong/locale_django/{bo,zh_Hans}` (docs/translation.md, "Django's own strings"). App and model names
that the packages never give to gettext are translated by our AppConfigs (`lingong/accounts/third_party_apps.py`).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
from django.db.migrations.state import ProjectState
from django.utils import translation
from django.utils.translation.template import templatize

from lingong.core.tests.test_django_catalogue import PLACEHOLDER, _seen_entries
from lingong.core.tests.test_message_extraction import KEYWORDS

# The third-party apps Lingong installs that have text of their own (by app label). django_otp's other
# plugins (otp_email, otp_hotp, otp_static) are not installed: their directories are left out.
LABELS = ("axes", "django_otp", "otp_totp")
ZH_OURS = Path(settings.LOCALE_PATHS[1]) / "zh_Hans" / "LC_MESSAGES" / "django.po"
BO_OURS = Path(settings.LOCALE_PATHS[1]) / "bo" / "LC_MESSAGES" / "django.po"

# Marked for translation but never on a Lingong screen (docs/translation.md says why).
LEFT_OUT = {
    # axes formats the count into the f-string before calling gettext: no catalogue can ever match it
    "Cleaned up {count} expired access attempts.",
    # axes' plain-text lockout answer: Lingong renders its own page instead (AXES_LOCKOUT_TEMPLATE)
    "Account locked: too many login attempts. Please try again later.",
    "Account locked: too many login attempts. Contact an admin to unlock your account.",
    # AccessLog's session hash: no fieldset, column or filter of axes' admin shows it
    "Session key hash (sha256)",
    # django_otp's forms and its OTP admin site's login page: our second step of sign-in has its own forms
    # (lingong/accounts/second_factor.py, console/forms.py) and the admin site is Django's own
    "Please enter your OTP token.", "Error generating challenge: {0}", "The selected OTP device is not interactive",
    "OTP Challenge: {0}", "Invalid token. Please make sure you have entered it correctly.",
    "Verification temporarily disabled because of %(failure_count)d failed attempt, please try again soon.",
    "Verification of the token is currently disabled", "Please select a device.",
    "Please correct the error below.", "Please correct the errors below.", "OTP Device:", "OTP Token:",
    "Forgotten your password or username?", "Log in", "Get OTP Challenge",
    "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to "
    "login to a different account?",
}  # fmt: skip


def _sources(config) -> list[Path]:
    root = Path(config.path)
    others = [Path(c.path) for c in apps.get_app_configs() if Path(c.path) != root and root in Path(c.path).parents]
    uninstalled = [root / "plugins"] if config.label == "django_otp" else []  # plugins: each its own app
    skip = others + uninstalled

    def wanted(path: Path) -> bool:
        return (
            not any(path.is_relative_to(s) for s in skip)
            and not {"tests", "static", "__pycache__", "migrations"} & set(path.relative_to(root).parts)
            and not path.name.startswith("test")
        )

    return [p for p in sorted(root.rglob("*")) if p.suffix in (".py", ".html", ".txt") and wanted(p)]


def extract() -> dict[str, polib.POEntry]:
    """{msgid: entry} of every msgid the installed apps of LABELS mark for translation."""
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for label in LABELS:
            for index, path in enumerate(_sources(apps.get_app_config(label))):
                if path.suffix == ".py":
                    files.append(str(path))
                    continue
                converted = Path(folder) / f"{label}-{index}-{path.name}.py"
                converted.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(path)), encoding="utf-8")
                files.append(str(converted))
        listing = Path(folder) / "files.txt"
        listing.write_text("\n".join(files), encoding="utf-8")
        pot = Path(folder) / "out.pot"
        cmd = ["xgettext", "--language=Python", "--from-code=UTF-8", "--no-wrap", *KEYWORDS]
        subprocess.run([*cmd, f"--files-from={listing}", f"--output={pot}"], check=True, capture_output=True)
        return {e.msgid: e for e in polib.pofile(str(pot))}


@pytest.fixture(scope="module")
def extracted():
    found = extract()
    assert {"access attempts", "Locked Out", "Please enter your OTP token."} <= set(found)  # it really ran
    assert not any("sent by email" in m or "cooldown" in m for m in found)  # otp_email is not installed
    return found


@pytest.fixture(scope="module")
def visible(extracted):
    return {m: e for m, e in extracted.items() if m not in LEFT_OUT}


def _placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


@pytest.mark.parametrize("language", ["bo", "zh-hans"])
def test_every_visible_third_party_string_is_translated(visible, language):
    missing, wrong = [], []
    with translation.override(language):
        for msgid, entry in visible.items():
            text = (
                translation.ngettext(msgid, entry.msgid_plural, 1) if entry.msgid_plural else translation.gettext(msgid)
            )
            if not text.strip() or text == msgid:
                missing.append(f"{entry.occurrences[0][0] if entry.occurrences else '?'}: {msgid!r}")
            elif _placeholders(text) != _placeholders(msgid):
                wrong.append(f"{msgid!r} → {text!r}")
    ours = BO_OURS if language == "bo" else ZH_OURS
    assert not missing, f"Translate in {ours.relative_to(settings.BASE_DIR)}:\n" + "\n".join(missing)
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_left_out_lists_only_strings_the_packages_still_have(extracted):
    assert LEFT_OUT <= set(extracted), sorted(LEFT_OUT - set(extracted))


def _djangos_chinese() -> set[str]:
    djangos = set()
    for path in Path(django.__file__).parent.rglob("zh_Hans/LC_MESSAGES/django.po"):
        djangos |= {e.msgid for e in polib.pofile(str(path)) if e.translated()}
    return djangos


def test_the_chinese_file_never_overrides_djangos_own_chinese(extracted):
    """Our LOCALE_PATHS catalogue wins over Django's for the same msgid: it holds only what Django's lacks."""
    djangos = _djangos_chinese()
    ours = polib.pofile(str(ZH_OURS))
    assert "nplurals=1; plural=0;" in ours.metadata["Plural-Forms"]
    assert ours.percent_translated() == 100 and not any("fuzzy" in e.flags for e in ours)
    assert {e.msgid for e in ours} & djangos == set()
    django_lacks = {entry.msgid for _app, entry in _seen_entries()} - djangos
    assert {e.msgid for e in ours} <= (set(extracted) - LEFT_OUT) | django_lacks  # nothing else


def test_djangos_own_strings_that_its_chinese_lacks_are_translated():
    """Django's zh_Hans misses a few msgids of its own (new in the admin, or changed): they are in ours."""
    djangos = _djangos_chinese()
    missing, wrong = [], []
    with translation.override("zh-hans"):
        for app, entry in _seen_entries():
            if entry.msgid in djangos or entry.msgid == ":":
                continue
            if entry.msgid_plural:
                text = (
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                    if entry.msgctxt
                    else translation.ngettext(entry.msgid, entry.msgid_plural, 1)
                )
            else:
                text = (
                    translation.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt
                    else translation.gettext(entry.msgid)
                )
            if text == entry.msgid or not text.strip():
                missing.append(f"{app}: {entry.msgid!r}")
            elif _placeholders(text) != _placeholders(entry.msgid):
                wrong.append(f"{entry.msgid!r} → {text!r}")
    assert not missing, f"Translate in {ZH_OURS.relative_to(settings.BASE_DIR)}:\n" + "\n".join(missing)
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_apps_keep_their_labels_and_migrations():
    for label, name in (("axes", "axes"), ("otp_totp", "django_otp.plugins.otp_totp")):
        config = apps.get_app_config(label)
        assert config.name == name
        on_disk = {p.stem for p in (Path(config.path) / "migrations").glob("0*.py")}
        assert {
            m for app, m in MigrationLoader(None, ignore_no_migrations=True).disk_migrations if app == label
        } == on_disk
    # the translated TOTPDevice name is no change of the model's state: makemigrations wants nothing
    loader = MigrationLoader(None, ignore_no_migrations=True)
    now = ProjectState.from_apps(apps)
    assert now.models["otp_totp", "totpdevice"].options["verbose_name"] == "TOTP device"  # the package's own
    detector = MigrationAutodetector(loader.project_state(), now, NonInteractiveMigrationQuestioner())
    with translation.override(None):  # as makemigrations runs: lazy names compare in English
        assert detector.changes(graph=loader.graph, trim_to_apps={"axes", "otp_totp"}) == {}


class _Text(HTMLParser):
    """The text a person reads: text nodes and the title, not tags, URLs or scripts."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


ENGLISH = re.compile(
    r"\b(Axes|Otp_Totp|Django_Otp|Access attempts?|Access logs?|Access failures?|TOTP devices?|User Agent|"
    r"IP Address|Attempt Time|Attempt Remaining|Locked Out|Failed Logins|Logout Time|Path|Status|"
    r"Model name|Add link|Change or view list link|"  # these three: Django's own, missing from its zh_Hans
    r"Accounts)\b",  # our own accounts app, whose AppConfig a second one in its apps.py would hide
    re.IGNORECASE,
)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expect"), [("bo", ("ནང་འཛུལ་བདེ་འཇགས", "ར་སྤྲོད་མཉེན་ཆས", "ནང་འཛུལ་ཚོད་ལྟ")),
                                                    ("zh-hans", ("登录安全", "身份验证器应用", "登录尝试"))])  # fmt: skip
def test_the_admin_names_axes_and_otp_in_the_readers_language(client, make_user, language, expect):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # noqa: PLC0415  models: after the registry
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    admin = make_user("district_admin", is_superuser=True)
    AccessAttempt.objects.create(
        username="someone",
        ip_address="10.0.0.1",
        user_agent="kiosk",
        http_accept="*/*",
        path_info="/console/login/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )
    AccessLog.objects.create(
        username=admin.username,
        ip_address="10.0.0.2",
        user_agent="kiosk",
        http_accept="*/*",
        path_info="/console/login/",
    )
    AccessFailureLog.objects.create(
        username="someone",
        ip_address="10.0.0.1",
        user_agent="kiosk",
        http_accept="*/*",
        path_info="/console/login/",
        locked_out=True,
    )
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client.force_login(admin)
    seen = {}
    for url in (
        "/admin/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/axes/accessfailurelog/",
        "/admin/otp_totp/totpdevice/",
    ):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        seen[url] = _text(response.content.decode())
        assert not ENGLISH.findall(seen[url]), f"{url} ({language}): {sorted(set(ENGLISH.findall(seen[url])))}"
    assert all(word in seen["/admin/"] for word in expect), seen["/admin/"]
    assert expect[2] in seen["/admin/axes/accessattempt/"]  # the changelist's own title and columns too
    assert expect[1] in seen["/admin/otp_totp/totpdevice/"]
    columns = re.compile(r"\b(User|Name|Confirmed|Created at|Last used at|QR Code|Search by)\b", re.IGNORECASE)
    assert not columns.findall(seen["/admin/otp_totp/totpdevice/"]), seen["/admin/otp_totp/totpdevice/"]
