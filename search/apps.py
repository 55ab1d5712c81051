from django.apps import AppConfig


def page_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    from .vocabulary import invalidate

    if isinstance(instance, Page):
        invalidate()


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import signals
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import SearchPromotion
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_unpublished

        from .models import PromotionCouncil, Synonym
        from .tasks import synonyms_changed
        from .vocabulary import invalidate, request_finished, request_started

        signals.request_started.connect(request_started, dispatch_uid="search-vocabulary-request-started")
        signals.request_finished.connect(request_finished, dispatch_uid="search-vocabulary-request-finished")
        # The spelling vocabulary and synonyms are rebuilt after any change to what residents can find.
        post_save.connect(page_changed, dispatch_uid="search-vocabulary-page-saved")
        post_delete.connect(page_changed, dispatch_uid="search-vocabulary-page-deleted")
        page_unpublished.connect(invalidate, dispatch_uid="search-vocabulary-unpublished")
        post_save.connect(invalidate, sender=Synonym, dispatch_uid="search-vocabulary-synonym-saved")
        post_delete.connect(invalidate, sender=Synonym, dispatch_uid="search-vocabulary-synonym-deleted")
        # A page made private or public again (its kept best bets and re-ranking texts are the public pages')
        post_save.connect(invalidate, sender=PageViewRestriction, dispatch_uid="search-vocabulary-restriction-saved")
        post_delete.connect(invalidate, sender=PageViewRestriction, dispatch_uid="search-vocabulary-restriction-gone")
        # Best bets change what a search shows: kept results (results_cache) are keyed by this version too.
        post_save.connect(invalidate, sender=SearchPromotion, dispatch_uid="search-vocabulary-promotion-saved")
        post_delete.connect(invalidate, sender=SearchPromotion, dispatch_uid="search-vocabulary-promotion-deleted")
        post_save.connect(invalidate, sender=PromotionCouncil, dispatch_uid="search-vocabulary-bet-council-saved")
        post_delete.connect(invalidate, sender=PromotionCouncil, dispatch_uid="search-vocabulary-bet-council-deleted")
        # On OpenSearch or Elasticsearch the synonyms are in the index's analyzer too: re-index.
        post_save.connect(synonyms_changed, sender=Synonym, dispatch_uid="search-index-synonym-saved")
        post_delete.connect(synonyms_changed, sender=Synonym, dispatch_uid="search-index-synonym-deleted")
