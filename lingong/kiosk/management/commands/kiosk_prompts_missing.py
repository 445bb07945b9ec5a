"""List what the kiosk cannot say yet: every segment without an approved recording, per language."""

from django.core.management.base import BaseCommand

from lingong.kiosk.voice import LANGUAGES, voice_missing


class Command(BaseCommand):
    help = "List the kiosk's spoken segments (prompts, notice, job-card words) that have no approved recording."

    def handle(self, *args, **options):
        missing = 0
        for language in LANGUAGES:
            for segment in voice_missing(language=language):
                self.stdout.write(f"{language}\t{segment.id}")
                missing += 1
        self.stderr.write(f"{missing} missing")
