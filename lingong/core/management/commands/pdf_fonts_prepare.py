"""Decompress the PDF fonts once, so the first agreement after a deploy is as fast as the next."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lingong.core.pdf import fonts_prepare


class Command(BaseCommand):
    help = "Prepare the Chinese and Tibetan font slices of the PDFs (TrueType under VAR_DIR/cache/fonts)."

    def handle(self, *args, **options):
        self.stdout.write(f"{fonts_prepare()} font slices ready")
