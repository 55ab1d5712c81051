"""Seed the council's search vocabulary and let the Editors and Moderators groups use it and the reports."""
from django.db import migrations

SYNONYMS = {
    "tip": ["household waste recycling centre", "recycling centre"],
    "hwrc": ["household waste recycling centre"],
    "bin": ["waste", "rubbish"],
    "brown bin": ["garden waste"],
    "pcn": ["parking fine", "penalty charge notice"],
    "parking ticket": ["parking fine"],
    "council house": ["social housing", "housing register"],
    "ctr": ["council tax support", "council tax reduction"],
    "ctax": ["council tax"],
    "spd": ["single person discount"],
    "dfg": ["disabled facilities grant"],
    "hb": ["housing benefit"],
    "nndr": ["business rates"],
    "electoral roll": ["register to vote", "electoral register"],
    "flytipping": ["fly tipping"],
    "dog poo": ["dog fouling"],
    "rough sleeping": ["homeless"],
    "mould": ["damp", "disrepair"],
}

GROUPS = ["Editors", "Moderators"]
PERMISSIONS = [
    ("searchquerylog", "view_search_reports", "Can view search reports"),
    ("synonym", "add_synonym", "Can add search synonym"),
    ("synonym", "change_synonym", "Can change search synonym"),
    ("synonym", "delete_synonym", "Can delete search synonym"),
    ("synonym", "view_synonym", "Can view search synonym"),
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, equivalents in SYNONYMS.items():
        Synonym.objects.get_or_create(term=term, defaults={"equivalents": "\n".join(equivalents)})

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name__in=GROUPS))
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="search", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group in groups:
            group.permissions.add(permission)


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term__in=SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),  # creates the Editors and Moderators groups
    ]

    operations = [migrations.RunPython(seed, unseed)]
