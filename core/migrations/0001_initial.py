from django.db import migrations, models


class Migration(migrations.Migration):
    """Takes over RefCounter from the project package: the table exists (mhhs_governance 0001), only the state
    moves."""

    initial = True

    dependencies = [("mhhs_governance", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RefCounter",
                    fields=[
                        ("series", models.CharField(max_length=40, primary_key=True, serialize=False)),
                        ("last", models.PositiveIntegerField(default=0)),
                    ],
                    options={"db_table": "mhhs_governance_refcounter"},
                ),
            ]
        ),
    ]
