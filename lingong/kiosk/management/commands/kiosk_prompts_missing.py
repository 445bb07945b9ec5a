"""List the kiosk prompts that have no audio, per language (exit status 0 either way)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from lingong.kiosk.prompts import PROMPTS
from lingong.kiosk.tts import prompt_audio_path


class Command(BaseCommand):
    help = "List kiosk prompts lacking audio per language (recorded in static/ or generated in var/)."

    def handle(self, *args, **options):
        missing = 0
        for language, _name in settings.LANGUAGES:
            for prompt_id in PROMPTS:
                if prompt_audio_path(prompt_id, language) is None:
                    self.stdout.write(f"{language}\t{prompt_id}")
                    missing += 1
        self.stderr.write(f"{missing} missing")
