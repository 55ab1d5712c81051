from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    label = "campaigns"
    verbose_name = "Campaign links"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from sitewide import page_cache

        from .links import CAMPAIGN_PARAM, known_campaigns

        # A page reached through a campaign link carries the campaign on its Start now link: one cached copy of the
        # page for each campaign there is, none for a made-up name (sitewide.page_cache)
        page_cache.PAGE_QUERY_PARAMETERS[CAMPAIGN_PARAM] = known_campaigns
