from django.db import migrations

ROLES = ("PMO", "Chair", "Participant")


def create_roles(apps, schema_editor):
    # The groups only; their permissions are synced after every migrate by core.roles.ensure_roles,
    # because permissions of models added by later migrations do not exist yet at this point.
    group_model = apps.get_model("auth", "Group")
    for name in ROLES:
        group_model.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
