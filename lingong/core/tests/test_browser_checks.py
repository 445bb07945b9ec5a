"""The browser tests' own checks find what they are there to find: a page with faults fails each of them, the same
page mended passes. Every Chromium test asserts `axe_violations(page) == []` and `small_targets(page) == []`; a
check that found nothing whatever the page would make all of those assertions empty."""

from __future__ import annotations

import pytest

from lingong.testing.browser import axe_violations, screenshot, settled, small_targets

pytestmark = pytest.mark.browser

FAULTY = """<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>测试</title></head>
<body><main><h1>岗位</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<button type="button" style="width:24px;height:24px;padding:0">报</button>
<p style="color:#bbb;background:#fff">工资按天结算</p>
</main></body></html>"""

MENDED = """<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>测试</title></head>
<body><main><h1>岗位</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40" alt="">
<button type="button" style="min-width:64px;min-height:64px">报名</button>
<p style="color:#222;background:#fff">工资按天结算</p>
</main></body></html>"""


def test_the_checks_find_a_missing_alt_low_contrast_and_a_small_button(page):
    page.set_content(FAULTY)
    settled(page)
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= found
    assert [target.split(" ")[-1] for target in small_targets(page)] == ["24x24"]

    page.set_content(MENDED)
    settled(page)
    assert axe_violations(page) == []
    assert small_targets(page) == []
    assert screenshot(page, "browser-checks-mended").stat().st_size > 0
