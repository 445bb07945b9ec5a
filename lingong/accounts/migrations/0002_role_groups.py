"""One group per back-office role, holding the admin view permissions of that role.

Runs after every app's models exist, creates their permissions first (Django
makes them only after the last migration), then fills the groups.
`AccountsConfig.ready` re-syncs them after each `migrate`, so models added
later join the roles that see everything.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def role_groups_create(apps, schema_editor):
    from lingong.accounts.roles import role_groups_sync

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    role_groups_sync(group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("stations", "0003_station_phone"),
        ("workers", "0003_worker_language"),
        ("employers", "0003_employer_language"),
        ("jobs", "0003_updated_at_index"),
        ("calls", "0001_initial"),
        ("followups", "0003_updated_at_index"),
        ("rights", "0002_updated_at_index"),
        ("wages", "0003_updated_at_index"),
        ("kiosk", "0002_staff_call_taken"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(role_groups_create, migrations.RunPython.noop)]
