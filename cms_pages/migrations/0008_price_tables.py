"""Price tables on online forms (issue 20). Existing pay forms whose answers carried their price ("2 bins (£104)",
which is what the old code charged) move onto a price table with the same prices, so they charge what they
charged before: the live form and the revision editors open next both change. Forms of other kinds were
never charged from their answers, so they are left as they are."""
import re
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

PRICE_IN_ANSWER = re.compile(r"^(?P<option>.*?)\s*\(£(?P<price>\d{1,5}(?:\.\d{1,2})?)\s*(?P<per>[^)£]*)\)$")


def answers(choices):
    lines = [line.strip() for line in (choices or "").strip().splitlines()]
    if len(lines) > 1:
        return [line.rstrip(",").strip() for line in lines if line]
    return [part.strip() for part in (choices or "").split(",") if part.strip()]


def priced_answers(choices):
    """[(option, price, words after the price)] when every answer carries one price, else None."""
    matches = [PRICE_IN_ANSWER.match(answer) for answer in answers(choices)]
    if not matches or not all(matches):
        return None
    return [(m["option"].rstrip(" :-"), Decimal(m["price"]), m["per"].strip()) for m in matches]


def update_revision(revision, field_pk, rows):
    content = revision.content
    for entry in content.get("form_fields", []):
        if entry.get("pk") == field_pk:
            entry["choices"], entry["price_role"] = "", "option"
    content["prices"] = [
        {"pk": row.pk, "page": row.page_id, "sort_order": row.sort_order, "option": row.option,
         "price": str(row.price), "concession_price": None, "per": row.per, "each": False, "most": None}
        for row in rows
    ]
    revision.content = content
    revision.save(update_fields=["content"])


def move_priced_answers_to_price_tables(apps, schema_editor):
    TaskFormField = apps.get_model("cms_pages", "TaskFormField")
    TaskFormPage = apps.get_model("cms_pages", "TaskFormPage")
    TaskPage = apps.get_model("cms_pages", "TaskPage")
    PriceRow = apps.get_model("cms_pages", "PriceRow")
    Revision = apps.get_model("wagtailcore", "Revision")
    # Rows as values: a page model from a migration cannot be instantiated (Wagtail's form mixin needs its template)
    for field in TaskFormField.objects.filter(choices__contains="£").order_by("page_id", "sort_order", "pk"):
        form_page = TaskFormPage.objects.filter(pk=field.page_id).values("path", "latest_revision_id", "live_revision_id")[0]
        kind = TaskPage.objects.filter(path=form_page["path"][:-4]).values_list("kind", flat=True).first()
        prices = priced_answers(field.choices)
        if kind != "pay" or prices is None or PriceRow.objects.filter(page_id=field.page_id).exists():
            continue
        rows = [
            PriceRow.objects.create(page_id=field.page_id, sort_order=i, option=option, price=price, per=per)
            for i, (option, price, per) in enumerate(prices)
        ]
        field.choices, field.price_role = "", "option"
        field.save(update_fields=["choices", "price_role"])
        revision_ids = {form_page["latest_revision_id"], form_page["live_revision_id"]} - {None}
        for revision in Revision.objects.filter(pk__in=revision_ids):
            update_revision(revision, field.pk, rows)


class Migration(migrations.Migration):

    dependencies = [
        ('cms_pages', '0007_bin_day_lookup_and_councillor_finder_blocks'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='taskformfield',
            name='price_role',
            field=models.CharField(blank=True, choices=[('', 'Nothing'), ('option', 'Its answers are the options of the price table'), ('quantity', 'How many: the prices ‘for each one’ are multiplied by it'), ('concession', 'The concession question: one answer gives the concession prices')], default='', help_text="With a price table on this form: whether this question's answers are its options (leave the answers empty), how many, or the concession question.", max_length=10, verbose_name='Prices'),
        ),
        migrations.AddField(
            model_name='taskformpage',
            name='concession_answer',
            field=models.CharField(blank=True, help_text='The answer to the concession question that gives the concession prices, for example: Yes.', max_length=100, verbose_name='Answer that gives the concession'),
        ),
        migrations.AddField(
            model_name='taskformpage',
            name='concession_wording',
            field=models.CharField(blank=True, help_text='As the page says it after a concession price, for example: if you get Council Tax Support.', max_length=100, verbose_name='Who gets the concession'),
        ),
        migrations.AddField(
            model_name='taskformpage',
            name='price_note',
            field=models.CharField(blank=True, help_text='Shown after the prices under Cost on the service page, without prices, for example: Prices include delivery.', max_length=255, verbose_name='After the prices'),
        ),
        migrations.AlterField(
            model_name='taskformpage',
            name='service_standard',
            field=models.CharField(default='We will reply within 5 working days.', help_text='Our promise: what happens next and when, shown on the confirmation page, in the email and when tracking, for example: We will reply within 5 working days. Use the timescale the service page gives.', max_length=255),
        ),
        migrations.AlterField(
            model_name='taskformpage',
            name='thank_you_text',
            field=models.TextField(blank=True, help_text='Anything else residents should know or do next, shown after the service standard on the confirmation page and in the email. No timescale here: the service standard gives it, once.'),
        ),
        migrations.AlterField(
            model_name='taskpage',
            name='cost',
            field=models.CharField(blank=True, help_text='For example: Free. Leave it empty when the online form has a price table: the page shows the prices from it.', max_length=200),
        ),
        migrations.CreateModel(
            name='PriceRow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('option', models.CharField(help_text='As residents see it, for example: 1 to 3 items. For a price for each one: Each brown bin.', max_length=100)),
                ('price', models.DecimalField(decimal_places=2, help_text='0 for free.', max_digits=7, validators=[django.core.validators.MinValueValidator(0)], verbose_name='Price (£)')),
                ('concession_price', models.DecimalField(blank=True, decimal_places=2, help_text='When the answer to the concession question gives the concession. Blank if it does not change.', max_digits=7, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='Concession price (£)')),
                ('per', models.CharField(blank=True, help_text='For example: a year, or a day.', max_length=30, verbose_name='Words after the price')),
                ('each', models.BooleanField(default=False, help_text='Multiply by the answer to the question marked ‘How many’ (for example each bin, each day).', verbose_name='Price for each one')),
                ('most', models.PositiveIntegerField(blank=True, help_text='For a price for each one: the most a resident can ask for.', null=True, verbose_name='Most at once')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='prices', to='cms_pages.taskformpage')),
            ],
            options={
                'verbose_name': 'price',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.RunPython(move_priced_answers_to_price_tables, migrations.RunPython.noop),
    ]
