"""Words residents use for what the pages call something else: "my wheelie bin got nicked" was corrected to
"kicked" (an unknown word is corrected to the nearest word of the pages); a synonym makes it a known word."""
from django.db import migrations

SYNONYMS = {
    "nicked": ["stolen"],
    "pinched": ["stolen"],
    "wheelie bin": ["bin"],
}


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.get_or_create(term=term, defaults={"equivalents": "\n".join(equivalents)})


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term__in=SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_server_names")]
    operations = [migrations.RunPython(seed, unseed)]
