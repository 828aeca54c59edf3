"""The two groups the API's permissions rest on.

``analysts`` may add, change, delete and view every domain model; ``viewers`` may view
them (which also shows them claims not yet verified). Permissions are created first if
the post-migrate signal has not made them yet (a fresh database migrates in one go).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DOMAIN_MODELS = {
    "sources": ["source"],
    "coalition": [
        "actor",
        "coalition",
        "membership",
        "membershipcitation",
        "meeting",
        "attendance",
        "attendancecitation",
        "sizereport",
        "sizereportcitation",
    ],
    "pledges": ["pledge", "pledgestage", "pledgecitation"],
}
GROUPS = {
    "analysts": ["add", "change", "delete", "view"],
    "viewers": ["view"],
}


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, models in DOMAIN_MODELS.items()
        for model in models
        for action in actions
    ]
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, actions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, actions))


def remove_group_permissions(apps, schema_editor):
    """Take the permissions back; the groups stay (users may belong to them)."""
    Group = apps.get_model("auth", "Group")
    for name, actions in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0004_history_event_clock_time"),
        ("coalition", "0007_history_event_clock_time"),
        ("pledges", "0006_history_event_clock_time"),
    ]

    operations = [migrations.RunPython(create_groups, remove_group_permissions)]
