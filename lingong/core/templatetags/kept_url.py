"""Django's `{% url %}`, each answer kept for the process (installed as a builtin: every template's `url`).

Reversing a URL walks the URL patterns' candidates and quotes every argument: about 40 µs, seventeen times
on an average page and thirty on the kiosk's home (its cards' apply, withdraw and listen links), 5% of the
pages' time in cProfile (docs/performance.md). The answer depends only on what the key holds: the view's name,
its arguments, the current app, the URLconf and script prefix in force and the language (a pattern may be
translated). The URLconf does not change under a running process; a test that changes ROOT_URLCONF clears
the kept answers, as Django clears its own resolver caches (`setting_changed`).
"""

from __future__ import annotations

import functools

from django.core.signals import setting_changed
from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = Library()
KEPT_URLS = 4096  # the links of the jobs and people shown most; a miss costs only the reverse


@functools.lru_cache(maxsize=KEPT_URLS)
def _reverse_kept(view_name: str, args: tuple, kwargs: tuple, current_app, urlconf, prefix, language) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def reverse_kept(view_name: str, *, args: list, kwargs: dict, current_app) -> str:
    """`reverse`, kept; arguments that cannot be a key (none of ours) are reversed each time."""
    key_kwargs = tuple(sorted(kwargs.items()))
    try:
        return _reverse_kept(
            view_name, tuple(args), key_kwargs, current_app, get_urlconf(), get_script_prefix(), get_language()
        )
    except TypeError:  # unhashable
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


class KeptURLNode(URLNode):
    def render(self, context):
        # Django's URLNode.render (5.x), with reverse_kept for reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_kept(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def _urlconf_changed(*, setting, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME", "LANGUAGES", "LANGUAGE_CODE"):
        _reverse_kept.cache_clear()


setting_changed.connect(_urlconf_changed)
