"""Clear the page cache when anything a resident sees changes."""
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .models import AlertBanner, CouncilSettings
from .page_cache import clear_page_cache


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(clear_page_cache, dispatch_uid=f"page-cache-{signal}")
    # A site's hostname or root changes every page's links; a privacy setting who may see a page (no publish); a
    # picture replaced or renamed the pages' link previews
    for model in (AlertBanner, CouncilSettings, Site, PageViewRestriction, get_image_model()):
        post_save.connect(clear_page_cache, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
        post_delete.connect(clear_page_cache, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")
    m2m_changed.connect(clear_page_cache, sender=PageViewRestriction.groups.through, dispatch_uid="page-cache-privacy")
