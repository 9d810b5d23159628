from django.db import migrations


class Migration(migrations.Migration):
    """RefCounter moved to the kernel app (core); its table stays as it is."""

    dependencies = [("mhhs_governance", "0001_initial"), ("core", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="RefCounter")]),
    ]
