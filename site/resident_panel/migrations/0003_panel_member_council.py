"""Each council has its own testing panel: a member belongs to the council (Site) whose panel they joined, and
an email address is unique within one council's panel rather than across the installation.

Members kept from before are given the council of their topics (the site whose tree holds their first topic),
else the default council's, which was the only one then. 0004 then makes the council required: apart, as
PostgreSQL cannot alter a table in the transaction that just updated its rows (pending foreign-key checks)."""
import django.db.models.deletion
from django.db import migrations, models


def council_of_topics(member, roots, default_id):
    """The site whose root is the deepest above one of the member's topics; the default site for none."""
    for path in member.topics.order_by("path").values_list("path", flat=True):
        above = [(root, site_id) for root, site_id in roots if path.startswith(root)]
        if above:
            return max(above, key=lambda pair: len(pair[0]))[1]
    return default_id


def give_members_their_council(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    PanelMember = apps.get_model("resident_panel", "PanelMember")
    roots = list(Site.objects.values_list("root_page__path", "pk"))
    default_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    default_id = default_id or Site.objects.order_by("pk").values_list("pk", flat=True).first()
    for member in PanelMember.objects.filter(site__isnull=True):
        member.site_id = council_of_topics(member, roots, default_id)
        member.save(update_fields=["site"])


class Migration(migrations.Migration):
    dependencies = [
        ("resident_panel", "0002_editors_make_remote_tests"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(model_name="panelmember", name="email", field=models.EmailField(max_length=254)),
        migrations.AddField(
            model_name="panelmember",
            name="site",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="council",
            ),
        ),
        migrations.RunPython(give_members_their_council, migrations.RunPython.noop),
    ]
