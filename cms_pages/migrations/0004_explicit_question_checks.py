"""Each question's check is chosen explicitly: no more "work it out from the question".

Existing questions keep what the old guess gave them, written down: postcode and phone checks on single-line
questions that name them, past-only dates unless the question is about a plan or a move. Two changes on
purpose: a question that offers a postcode as one choice among others ("Nearest postcode or street name")
gets no postcode check, so "High Street" is accepted; and the first £ number question of a pay task is
marked as the amount to pay, which must be more than £0. Saved drafts of form pages are updated the same way.
"""
import re

from django.db import migrations, models

AMOUNT = "payment"


def guessed(label, field_type, first_amount_on_pay_task):
    """What the old 'work it out from the question' rule checked, with the two changes above."""
    label = label.lower()
    if field_type == "date":
        return "any_date" if re.search(r"\b(plan|moving|move)\b", label) else "past_date"
    if field_type == "singleline":
        if "postcode" in label and not re.search(r"\bor\b", label):
            return "postcode"
        if "phone" in label:
            return "phone"
    if field_type == "number" and first_amount_on_pay_task:
        return AMOUNT
    return "none"


def checks_for(fields, pay_task):
    """[(field, check)] for one form's questions, in order."""
    amount_found = False
    result = []
    for field in fields:
        is_amount = pay_task and not amount_found and field["field_type"] == "number" and "£" in field["label"]
        amount_found = amount_found or is_amount
        result.append((field, guessed(field["label"], field["field_type"], is_amount)))
    return result


def is_pay_task(TaskPage, form_path):
    return TaskPage.objects.filter(path=form_path[:-4], kind="pay").exists()


def make_checks_explicit(apps, schema_editor):
    TaskFormPage = apps.get_model("cms_pages", "TaskFormPage")
    TaskFormField = apps.get_model("cms_pages", "TaskFormField")
    TaskPage = apps.get_model("cms_pages", "TaskPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    form_type = ContentType.objects.filter(app_label="cms_pages", model="taskformpage").first()
    for page in TaskFormPage.objects.all():
        pay = is_pay_task(TaskPage, page.path)
        rows = list(TaskFormField.objects.filter(page=page).order_by("sort_order", "pk"))
        fields = [{"label": row.label, "field_type": row.field_type, "row": row} for row in rows]
        for field, check in checks_for(fields, pay):
            if field["row"].validation == "auto":
                TaskFormField.objects.filter(pk=field["row"].pk).update(validation=check)
        if form_type is None:
            continue
        for revision in Revision.objects.filter(content_type=form_type, object_id=str(page.pk)):
            content = revision.content or {}
            stored = content.get("form_fields") or []
            changed = False
            for field, check in checks_for(stored, pay):
                if field.get("validation", "auto") == "auto":
                    field["validation"] = check
                    changed = True
            if changed:
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0003_chat_panel_questions_and_keys"),
    ]

    operations = [
        migrations.RunPython(make_checks_explicit, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="taskformfield",
            name="validation",
            field=models.CharField(
                choices=[
                    ("none", "No extra checks"),
                    ("postcode", "UK postcode"),
                    ("phone", "UK phone number"),
                    ("past_date", "A real date, today or in the past"),
                    ("any_date", "Any real date"),
                    ("payment", "The amount to pay (£), on pay tasks"),
                ],
                default="none",
                help_text="Extra checks on the answer: a UK postcode or phone number (single line answers), whether "
                "a date may be in the future (dates), or the amount a pay task takes (numbers).",
                max_length=20,
            ),
        ),
    ]
