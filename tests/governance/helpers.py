from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, streamfield

from governance.models import FocusGroupSession, FocusGroupTaskResult


def record_session(page, participants, completed, ease=4.5, task="Find how to pay", user=None, **kwargs):
    """A focus-group session with one task, saved as the admin form saves it (with its task results)."""
    session = FocusGroupSession(page=page, participants=participants, ease_rating=ease, recorded_by=user, **kwargs)
    session.task_results = [FocusGroupTaskResult(task=task, completed_without_help=completed, average_seconds=60)]
    session.save()
    return session


def edit_form_data(client, page, **changes):
    """The edit form as the browser sends it (StreamFields sent empty: what matters here is publishing)."""
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for key in data:
        data[key] = data[key].lstrip("\n")
    data.update(nested_form_data({"body": streamfield([]), "related_pages": streamfield([])}))
    data.update(nested_form_data({"comments": inline_formset([])}))
    for key, value in changes.items():
        data[key] = value
    return data
