from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    label = "campaigns"
    verbose_name = "Campaign links"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from sitewide import page_cache

        from .links import CAMPAIGN_PARAM, forget_names, known_campaigns
        from .models import CampaignLink

        # A new or renamed link counts at once, not when the cached list of names runs out
        post_save.connect(forget_names, sender=CampaignLink, dispatch_uid="campaign-link-saved")
        post_delete.connect(forget_names, sender=CampaignLink, dispatch_uid="campaign-link-deleted")

        # A page reached through a campaign link carries the campaign on its Start now link: one cached copy of the
        # page for each campaign there is, none for a made-up name (sitewide.page_cache)
        page_cache.PAGE_QUERY_PARAMETERS[CAMPAIGN_PARAM] = known_campaigns
