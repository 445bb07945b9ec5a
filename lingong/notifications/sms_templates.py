"""Pre-approved SMS templates: which template each message goes out as.

Chinese carriers deliver only texts whose template the gateway approved
beforehand, so a gateway sends a template code and its parameters, never
free text. `settings.SMS_TEMPLATES` (read from the JSON file in
`SMS_TEMPLATES_FILE`) maps every `NotificationKind`, and optionally a
sign-in code's purpose, to a template:

    {"sign_in_code": {"code": "SMS_100001", "params": ["code"]},
     "worker_register": {"code": "SMS_100002", "params": ["code"]},
     "hire": {"code": {"zh-hans": "SMS_200001", "bo": "SMS_200002"},
              "params": ["job", "employer", "start", "place"]}}

`code` is one template for every language, or one per language of
`settings.LANGUAGES`; `params` names the message's parameters the template
takes (docs/operations.md lists what each kind carries). A purpose without
an entry of its own goes out as `sign_in_code`. The system check
(`lingong.notifications.checks`) refuses an incomplete map.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from .models import NotificationKind

CODE_PARAM = "code"


@dataclass(frozen=True)
class SmsTemplate:
    key: str
    code: str
    params: tuple[str, ...]


def sms_template_resolve(*, kind: str, purpose: str = "", language: str = "") -> SmsTemplate | None:
    """The template for a message: its purpose's, else its kind's; None when neither is configured."""
    templates = getattr(settings, "SMS_TEMPLATES", None) or {}
    for key in (purpose, kind):
        entry = templates.get(key) if key else None
        if not isinstance(entry, dict):
            continue
        code = entry.get("code")
        if isinstance(code, dict):
            code = code.get(language) or code.get(settings.LANGUAGE_CODE)
        if isinstance(code, str) and code:
            return SmsTemplate(key=key, code=code, params=tuple(entry.get("params") or ()))
    return None


def sms_templates_problems(templates, *, code_purposes: frozenset[str]) -> list[str]:
    """What is wrong with a template map, one sentence each (empty when it is complete)."""
    if not isinstance(templates, dict):
        return ["SMS_TEMPLATES must be a JSON object mapping message kinds to templates."]
    languages = [code for code, _name in settings.LANGUAGES]
    problems = [
        f"No SMS template for the message kind '{kind}'." for kind in NotificationKind.values if kind not in templates
    ]
    for key, entry in templates.items():
        if key not in NotificationKind.values and key not in code_purposes:
            problems.append(f"SMS template '{key}' is neither a message kind nor a code purpose.")
            continue
        if not isinstance(entry, dict):
            problems.append(f"SMS template '{key}' must be an object with 'code' and 'params'.")
            continue
        code = entry.get("code")
        if isinstance(code, dict):
            missing = [
                language for language in languages if not isinstance(code.get(language), str) or not code[language]
            ]
            if missing:
                problems.append(f"SMS template '{key}' has no template code for {', '.join(missing)}.")
        elif not isinstance(code, str) or not code:
            problems.append(f"SMS template '{key}' has no template code.")
        params = entry.get("params", [])
        if not isinstance(params, list) or not all(isinstance(name, str) and name for name in params):
            problems.append(f"SMS template '{key}': 'params' must be a list of parameter names.")
        elif (key == NotificationKind.SIGN_IN_CODE or key in code_purposes) and CODE_PARAM not in params:
            problems.append(f"SMS template '{key}' must take the '{CODE_PARAM}' parameter: it carries a sign-in code.")
    return problems
