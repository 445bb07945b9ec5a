from lingong.testing.protection_fixtures import (  # noqa: F401  (fixtures)
    TZ,
    at,
    completed_placement,
    employer_user,
    officer,
    placement,
    worker,
)
