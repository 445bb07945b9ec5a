"""A database guard under the services: once signed, content and hash never change."""

from django.db import migrations

FROZEN = "('worker_signed', 'employer_signed', 'signed', 'superseded')"

SQLITE_UP = f"""
CREATE TRIGGER agreement_signed_content_immutable
BEFORE UPDATE OF content, content_sha256, terms, version, placement_id, previous_id, public_id
ON agreements_agreement
WHEN OLD.status IN {FROZEN}
 AND (NEW.content IS NOT OLD.content OR NEW.content_sha256 IS NOT OLD.content_sha256
      OR NEW.terms IS NOT OLD.terms OR NEW.version IS NOT OLD.version
      OR NEW.placement_id IS NOT OLD.placement_id OR NEW.previous_id IS NOT OLD.previous_id
      OR NEW.public_id IS NOT OLD.public_id)
BEGIN SELECT RAISE(ABORT, 'a signed agreement never changes'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS agreement_signed_content_immutable;"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION agreement_signed_content_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status IN {FROZEN} AND (
       NEW.content IS DISTINCT FROM OLD.content OR NEW.content_sha256 IS DISTINCT FROM OLD.content_sha256
       OR NEW.terms::text IS DISTINCT FROM OLD.terms::text OR NEW.version IS DISTINCT FROM OLD.version
       OR NEW.placement_id IS DISTINCT FROM OLD.placement_id OR NEW.previous_id IS DISTINCT FROM OLD.previous_id
       OR NEW.public_id IS DISTINCT FROM OLD.public_id) THEN
    RAISE EXCEPTION 'a signed agreement never changes';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
--split--
CREATE TRIGGER agreement_signed_content_immutable BEFORE UPDATE ON agreements_agreement
FOR EACH ROW EXECUTE FUNCTION agreement_signed_content_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS agreement_signed_content_immutable ON agreements_agreement;
--split--
DROP FUNCTION IF EXISTS agreement_signed_content_immutable();
"""



def up(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)
    elif conn.vendor == "postgresql":
        for sql in POSTGRES_UP.split("--split--"):
            schema_editor.execute(sql, params=None)


def down(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)
    elif conn.vendor == "postgresql":
        for sql in POSTGRES_DOWN.split("--split--"):
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
