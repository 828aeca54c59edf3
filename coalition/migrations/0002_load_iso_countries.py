from django.db import migrations


def forwards(apps, schema_editor):
    from coalition.reference import load_countries

    load_countries(apps.get_model("coalition", "Actor"))


class Migration(migrations.Migration):
    dependencies = [("coalition", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
