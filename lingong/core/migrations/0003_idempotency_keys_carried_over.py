"""Keys of the two former mechanisms (api.IdempotencyRecord, portal.FormSubmission) join IdempotencyKey."""

from django.db import migrations


def carry_over(apps, schema_editor):
    IdempotencyKey = apps.get_model("core", "IdempotencyKey")
    IdempotencyRecord = apps.get_model("api", "IdempotencyRecord")
    FormSubmission = apps.get_model("portal", "FormSubmission")
    IdempotencyKey.objects.bulk_create(
        [
            IdempotencyKey(
                user_id=r.user_id,
                scope="api",
                key=r.key,
                fingerprint=r.body_hash,
                status=r.status,
                result=r.response_body,
                created_at=r.created_at,
            )
            for r in IdempotencyRecord.objects.iterator()
        ],
        batch_size=500,
    )
    IdempotencyKey.objects.bulk_create(
        [
            IdempotencyKey(
                user_id=f.user_id,
                scope=f"form:{f.purpose}",
                key=f.token,
                status=201,
                result="" if f.object_id is None else str(f.object_id),
                created_at=f.created_at,
            )
            for f in FormSubmission.objects.iterator()
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_idempotencykey"),
        ("api", "0001_initial"),
        ("portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
