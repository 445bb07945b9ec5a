"""collectstatic gathers the font weights the pages load, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import call_command

from lingong.core.staticfiles import font_file_used


def test_only_the_weights_the_pages_load_are_collected(tmp_path, settings):
    collected = settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", "--no-input", "--no-post-process", verbosity=0)

    fonts_page = (Path(settings.BASE_DIR) / "lingong" / "templates" / "fonts.html").read_text(encoding="utf-8")
    for stylesheet in re.findall(r"static '([^']+)'", fonts_page):
        sheet = collected / stylesheet
        assert sheet.exists(), stylesheet
        for font in re.findall(r"url\(\./([^)]+)\)", sheet.read_text(encoding="utf-8")):
            assert (sheet.parent / font).exists(), font  # every slice the stylesheet names
    chinese = collected / "fonts" / "noto-sans-sc"
    assert not (chinese / "100.css").exists()
    assert not list(chinese.glob("files/*-300-normal.woff2"))
    assert (collected / "kiosk").is_dir() and (collected / "admin").is_dir()  # the apps' own files, all of them


def test_the_font_file_rule():
    assert font_file_used("400.css") and font_file_used("files/noto-sans-sc-117-700-normal.woff2")
    assert font_file_used("files/noto-serif-tibetan-tibetan-400-normal.woff")
    assert not font_file_used("files/noto-sans-sc-117-900-normal.woff2")
    assert not font_file_used("chinese-simplified-400.css")  # the pages load the weight's sheet, not the script's
    assert not font_file_used("index.css")
