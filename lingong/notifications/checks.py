"""System checks (`manage.py check`, and every start of the server and the consumer):
a gateway bound to templates needs its keys and a template for every message."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string

from lingong.accounts.sms import DEFAULT_BACKEND

from .codes import CODE_PURPOSES
from .sms_templates import sms_templates_problems

HINT = "See docs/operations.md, 'SMS gateway'."


@register()
def sms_gateway_check(app_configs=None, **kwargs) -> list[Error]:
    path = getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND)
    try:
        backend = import_string(path)
    except ImportError:
        return [Error(f"SMS_BACKEND '{path}' cannot be imported.", hint=HINT, id="notifications.E001")]
    if not getattr(backend, "uses_templates", False):
        return []
    errors = [
        Error(f"{name} is not set: the SMS gateway cannot sign its requests.", hint=HINT, id="notifications.E002")
        for name in getattr(backend, "required_settings", ())
        if not getattr(settings, name, "")
    ]
    problems = sms_templates_problems(getattr(settings, "SMS_TEMPLATES", None), code_purposes=CODE_PURPOSES)
    errors += [Error(problem, hint=HINT, id="notifications.E003") for problem in problems]
    return errors
