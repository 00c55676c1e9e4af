"""Places, organisations and memberships move to the organisations app: first their tables take its names.

The rows stay where they are (a table rename keeps data, keys and the foreign keys that point at it); the
next migrations tell Django's model state that the models now live in `organisations`.
"""

from django.db import migrations

MOVED = ["place", "organisation", "membership", "historicalplace", "historicalorganisation", "historicalmembership"]


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0003_metric_results"),
    ]

    operations = [migrations.AlterModelTable(name=name, table=f"organisations_{name}") for name in MOVED]
