"""`{% page_querystring number param %}`: the address of another page of one list among several on a screen."""

from __future__ import annotations

from django import template
from django.template.defaulttags import querystring

register = template.Library()


@register.simple_tag(takes_context=True)
def page_querystring(context, number, param="page") -> str:
    """Django's `{% querystring %}` with the page's parameter named at run time, so each list keeps its own."""
    return querystring(context, **{param: number})
