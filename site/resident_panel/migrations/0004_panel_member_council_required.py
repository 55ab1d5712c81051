"""A testing panel member always belongs to a council (0003 gave every kept member one), and is on each
council's panel at most once."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resident_panel", "0003_panel_member_council"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="panelmember",
            name="site",
            field=models.ForeignKey(
                help_text="The council whose panel they joined (the site they joined on).",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="council",
            ),
        ),
        migrations.AddConstraint(
            model_name="panelmember",
            constraint=models.UniqueConstraint(fields=("email", "site"), name="resident_panel_once_a_council"),
        ),
    ]
