import os

from django.core.wsgi import get_wsgi_application

# A bare `gunicorn lingong.wsgi` is production: it refuses to start without its environment.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lingong.settings.production")
application = get_wsgi_application()
