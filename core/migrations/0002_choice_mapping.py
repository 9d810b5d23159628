
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChoiceMapping",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        help_text="The register, as import_register names it: change-requests.", max_length=40
                    ),
                ),
                ("column", models.CharField(help_text="The column's key, e.g. stage.", max_length=60)),
                ("value", models.CharField(help_text="The wording, lower case without punctuation.", max_length=255)),
                ("choice", models.CharField(help_text="The choice it means (its code).", max_length=60)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["kind", "column", "value"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "column", "value"), name="choice_mapping_once_per_wording")
                ],
            },
        ),
    ]
