"""settings.WAGTAIL_FINISH_WORKFLOW_ACTION points here.

Wagtail imports the setting's target while wagtail.models itself is still loading, before any app's
models exist, so this module imports nothing at the top and loads the real action when a workflow finishes.
"""


def finish_workflow(workflow_state, user=None):
    from .publishing import finish_workflow as publish_approved_revision  # see the module docstring

    return publish_approved_revision(workflow_state, user=user)
