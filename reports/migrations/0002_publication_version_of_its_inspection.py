"""The database refuses a publication of a version that is not its inspection's final version
(a composite foreign key is not available in Django: a trigger on PostgreSQL; SQLite, used
only for development without services, relies on `publication_create`'s check)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION reports_publication_version_check() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM reports_reportversion v
        WHERE v.id = NEW.version_id AND v.inspection_id = NEW.inspection_id AND v.kind = 'final'
    ) THEN
        RAISE EXCEPTION 'publication % must publish its own inspection''s final version', NEW.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER reports_publication_version_check
    BEFORE INSERT OR UPDATE OF inspection_id, version_id ON reports_publication
    FOR EACH ROW EXECUTE FUNCTION reports_publication_version_check();
"""

DROP = """
DROP TRIGGER IF EXISTS reports_publication_version_check ON reports_publication;
DROP FUNCTION IF EXISTS reports_publication_version_check();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_reports")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
