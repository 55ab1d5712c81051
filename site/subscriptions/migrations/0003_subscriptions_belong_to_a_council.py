"""Every existing service-status subscription belongs to a council: an area's to the council whose tree holds the
area, one for every service to the default council (there was one council when it was made)."""
from django.db import migrations


def council_for(path, sites):
    """The site whose home page is the deepest above `path` (its tree holds it), or None."""
    holding = [site for site in sites if path.startswith(site.root_page.path)]
    return max(holding, key=lambda site: len(site.root_page.path)) if holding else None


def set_councils(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    ServiceStatusSubscription = apps.get_model("subscriptions", "ServiceStatusSubscription")
    sites = list(Site.objects.select_related("root_page"))
    default = next((site for site in sites if site.is_default_site), None)
    for subscription in ServiceStatusSubscription.objects.filter(site__isnull=True).select_related("area"):
        area_council = council_for(subscription.area.path, sites) if subscription.area_id else None
        subscription.site = area_council or default
        if subscription.site is not None:
            subscription.save(update_fields=["site"])


class Migration(migrations.Migration):

    dependencies = [
        ("subscriptions", "0002_subscription_council"),
    ]

    operations = [
        migrations.RunPython(set_councils, migrations.RunPython.noop),
    ]
