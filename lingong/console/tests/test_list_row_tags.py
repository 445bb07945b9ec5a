"""The lists' rows: the worker's name in each script's language, typed text escaped; the reveal form once a page."""

import re
from types import SimpleNamespace

from django.template import Context, Template


def render(worker) -> str:
    return Template("{% load console_tags %}{{ w|worker_name }}").render(Context({"w": worker}))


def test_a_chinese_name_alone():
    assert render(SimpleNamespace(name="张三", name_bo="")) == '<span lang="zh-hans">张三</span>'


def test_the_tibetan_script_name_beside_it_and_markup_escaped():
    html = render(SimpleNamespace(name="<b>扎西</b>", name_bo="བཀྲ་ཤིས།"))
    assert html == ('<span lang="zh-hans">&lt;b&gt;扎西&lt;/b&gt;</span> <span lang="bo" class="name-bo">བཀྲ་ཤིས།</span>')


def test_the_reveal_form_is_rendered_once_and_each_row_gets_its_own_address(rf):
    """The same form as the template gives alone (with the request's CSRF token), each with its worker's address."""
    from django.template.loader import render_to_string
    from django.urls import reverse

    request = rf.get("/console/")
    page = Template("{% load console_tags %}{% reveal_inline 7 %}|{% reveal_inline 8 %}").render(
        Context({"request": request})
    )
    rows = page.split("|")
    for html, worker_id in zip(rows, (7, 8), strict=True):
        alone = render_to_string(
            "console/_reveal_inline.html",
            {"action": reverse("console:worker_reveal", args=[worker_id])},
            request=request,
        )
        assert without_token(html) == without_token(alone)
        assert f'action="/console/workers/{worker_id}/reveal/"' in html and 'name="csrfmiddlewaretoken" value="' in html


def without_token(html: str) -> str:
    """Each CSRF token is masked afresh: the same secret, other characters."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
