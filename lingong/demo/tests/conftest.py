import pytest


@pytest.fixture(autouse=True)
def _demo_on(settings):
    """The demo builds only where LINGONG_DEMO is on (the embedded settings of `make run`)."""
    settings.LINGONG_DEMO = True
