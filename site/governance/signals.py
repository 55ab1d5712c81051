"""Connected from apps.ready(): new governed pages join the workflow, every publish is recorded, and the
governed page types get the permission tester that refuses direct publishing."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from .publishing import governed_permissions_for_user, record_publication
from .workflow import assign_workflow, governed_models, governed_page_models


def assign_new_governed_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_workflow(instance)


def connect():
    for model in governed_models():
        post_save.connect(assign_new_governed_page, sender=model, dispatch_uid=f"governance-assign-{model.__name__}")
    page_published.connect(record_publication, dispatch_uid="governance-record-publication")
    for model in governed_page_models():
        # Wagtail's documented way to change what a user may do with a page type is to override its
        # permissions_for_user; the page types belong to cms_pages, so governance sets it here.
        model.permissions_for_user = governed_permissions_for_user
