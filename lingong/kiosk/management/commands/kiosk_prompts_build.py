"""Generate the kiosk prompts that espeak-ng can speak (Mandarin) into var/kiosk/audio/.

Generated files are not committed: they are rebuilt at deployment (and by
`make`-style start scripts) from the current translations. Recordings made
by staff go into lingong/kiosk/static/kiosk/audio/<lang>/ and win.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from lingong.kiosk.prompts import GENERATED_VOICES, PROMPTS
from lingong.kiosk.tts import SpeechUnavailable, audio_dir, synthesise


class Command(BaseCommand):
    help = "Generate the zh-hans kiosk prompt audio with espeak-ng into var/kiosk/audio/."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Regenerate existing files.")

    def handle(self, *args, force=False, **options):
        made = 0
        for language, voice in GENERATED_VOICES.items():
            with translation.override(language):
                for prompt_id, text in PROMPTS.items():
                    target = audio_dir() / language / f"{prompt_id}.wav"
                    if target.exists() and not force:
                        continue
                    if force and target.exists():
                        target.unlink()
                    try:
                        synthesise(str(text), voice=voice, target=target)
                    except SpeechUnavailable as error:
                        raise CommandError(f"espeak-ng failed for {prompt_id}: {error}") from None
                    made += 1
        self.stdout.write(f"{made} prompt files generated in {audio_dir()}")
