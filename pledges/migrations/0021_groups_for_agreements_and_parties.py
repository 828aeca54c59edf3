"""The groups' permissions on the models issue 16 added: agreements (with their parties
and citations) and a pledge's parties, as 0007_api_groups gives them on every other
domain model (analysts add, change, delete and view; viewers view)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = {
    "coalition": ["agreement", "agreementparty", "agreementcitation"],
    "pledges": ["pledgeparty"],
}
GROUPS = {"analysts": ["add", "change", "delete", "view"], "viewers": ["view"]}


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=label, codename=f"{action}_{model}")
        for label, models in MODELS.items()
        for model in models
        for action in actions
    ]


def grant(apps, schema_editor):
    for label in MODELS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, actions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in GROUPS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("coalition", "0012_membership_agreement"),
        ("pledges", "0020_conversion_dates_plausible_reported_currency_default"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
