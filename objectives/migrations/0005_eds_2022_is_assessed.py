"""EDS 2022 stops being an accreditation with a status: each organisation's yearly assessment is kept in the
portal instead. Records made before stay in the database and on the organisation's EDS page as they were."""

from django.db import migrations

EDS_SLUG = "eds-2022"


def eds_is_assessed(apps, schema_editor):
    apps.get_model("objectives", "EqualityStandard").objects.filter(slug=EDS_SLUG).update(kind="assessment")


def eds_is_an_accreditation(apps, schema_editor):
    apps.get_model("objectives", "EqualityStandard").objects.filter(slug=EDS_SLUG).update(kind="accreditation")


class Migration(migrations.Migration):
    dependencies = [("objectives", "0004_eds_assessments")]

    operations = [migrations.RunPython(eds_is_assessed, eds_is_an_accreditation)]
