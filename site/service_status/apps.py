from django.apps import AppConfig


class ServiceStatusConfig(AppConfig):
    name = "service_status"
    label = "service_status"
    verbose_name = "Service status"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from sitewide.page_cache import clear_page_cache

        from .models import Disruption

        # Pages show the disruptions affecting them: a change shows at once (an end passing shows within
        # PAGE_CACHE_SECONDS, as an alert banner's does)
        post_save.connect(clear_page_cache, sender=Disruption, dispatch_uid="disruption-saved")
        post_delete.connect(clear_page_cache, sender=Disruption, dispatch_uid="disruption-deleted")
        m2m_changed.connect(clear_page_cache, sender=Disruption.pages.through, dispatch_uid="disruption-pages")
