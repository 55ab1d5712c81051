"""Demo collection rounds for Westmere's postcode sectors WM1 1 to WM9 9."""
from django.db import migrations


def add_rounds(apps, schema_editor):
    CollectionRound = apps.get_model("assistant", "CollectionRound")
    for district in range(1, 10):
        for sector in range(0, 10):
            CollectionRound.objects.get_or_create(
                postcode_sector=f"WM{district} {sector}",
                defaults={"weekday": (district + sector) % 5, "recycling_on_even_weeks": sector % 2 == 0},
            )


def remove_rounds(apps, schema_editor):
    apps.get_model("assistant", "CollectionRound").objects.filter(postcode_sector__startswith="WM").delete()


class Migration(migrations.Migration):
    dependencies = [("assistant", "0001_initial")]
    operations = [migrations.RunPython(add_rounds, remove_rounds)]
