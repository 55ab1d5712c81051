from django.db.models.signals import post_save


def assign_new_governed_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .workflow import assign_workflow

        assign_workflow(instance)


def connect():
    from .workflow import governed_models

    for model in governed_models():
        post_save.connect(assign_new_governed_page, sender=model, dispatch_uid=f"governance-assign-{model.__name__}")
