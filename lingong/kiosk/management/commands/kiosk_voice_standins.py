"""Demo only: tones in place of the Chinese prompts and job-card words, marked as stand-ins in the studio."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lingong.kiosk.voice import voice_standins_seed


class Command(BaseCommand):
    help = (
        "Demo only (LINGONG_DEMO): approve generated tones, marked 'stand-in', for the Chinese prompts and "
        "job-card words that have no recording. Tibetan, the notice, trades and places stay missing."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "LINGONG_DEMO", False):
            raise CommandError("Stand-in tones are for the demo only; these settings have LINGONG_DEMO off.")
        made = voice_standins_seed(language="zh-hans")
        self.stdout.write(f"kiosk_voice_standins: {made} stand-in tones (zh-hans); record them again in the studio")
