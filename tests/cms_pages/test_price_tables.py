"""Editors keep a service's price table on its online form in the Wagtail admin (issue 20), and the admin refuses a
table that does not fit the questions marked to use it, or a price typed anywhere else."""
import importlib
import re

import pytest
from django.apps import apps
from wagtail.models import Revision
from wagtail.test.utils.form_data import querydict_from_html

from casework.intake.flow import Intake
from cms_pages.models import PriceRow, TaskFormField, TaskFormPage
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin-prices", "admin@example.org", "pw"))
    return client


def garden_waste_form():
    return TaskFormPage.objects.get(**westmere("/garden-waste/start/"))


def edit_form(client, page):
    """The admin's edit form as a browser would send it back (a ticked box with no value sends "on")."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"(?![^>]*value=)[^>]*checked', html):
        data[name] = "on"
    return html, data


def field_index(data, label):
    return next(key.split("-")[1] for key, value in data.items() if key.endswith("-label") and value == label)


def test_the_price_table_is_edited_on_the_form_page_in_the_admin(admin_client):
    page = garden_waste_form()
    html, data = edit_form(admin_client, page)
    assert "Price table" in html and "Concession price (£)" in html and "Price for each one" in html
    assert data["prices-0-option"] == "Each brown bin" and data["prices-0-price"] == "52.00"
    data["prices-0-price"] = "55.00"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    draft = TaskFormPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [str(row.price) for row in draft.prices.all()] == ["55.00"]
    assert draft.price_table().cost_text() == "£55 a year for each brown bin, or £40 if you get Council Tax Support."


def change_question(data, label, **values):
    index = field_index(data, label)
    for name, value in values.items():
        data[f"form_fields-{index}-{name}"] = value


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.__setitem__("concession_answer", "Maybe"),
         "Use one of the concession question’s answers: Yes, No."),
        (lambda d: change_question(d, "Do you get Council Tax Support?", help_text="Pay £40 a bin"),
         "Put prices in the price table: the form adds them to the answers."),
        (lambda d: change_question(d, "How many brown bins do you want?", choices="1 bin (£52)\n2 bins (£104)"),
         "Put prices in the price table: the form adds them to the answers."),
        (lambda d: change_question(d, "How many brown bins do you want?", price_role=""),
         "Mark the question that asks how many (Prices: How many)."),
        (lambda d: change_question(d, "How many brown bins do you want?", choices="One bin\nTwo bins"),
         "Start each answer with its number, for example: 2 bins."),
        (lambda d: change_question(d, "Do you get Council Tax Support?", price_role=""),
         "Mark the question that asks about the concession"),
        (lambda d: change_question(d, "Email address", price_role="quantity"),
         "Only one question can be ‘How many"),
        (lambda d: d.__setitem__("price_note", "Or £10 for a sticker."), "Put prices in the price table"),
        (lambda d: d.__setitem__("thank_you_text", "Your sticker comes within 5 working days."),
         "Say how long it takes once, in the service standard"),
        (lambda d: d.__setitem__("working_days", "5"), "The service standard says 10 working days: give that"),
        (lambda d: d.__setitem__("working_days", ""), "The service standard says 10 working days: give that"),
    ],
)
def test_the_admin_refuses_a_price_table_that_does_not_fit(admin_client, change, message):
    page = garden_waste_form()
    _, data = edit_form(admin_client, page)
    change(data)
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(PriceRow.objects.filter(page=page).values_list("price", flat=True)) == [52]


def test_the_migration_moves_prices_typed_into_a_pay_form_s_answers_onto_a_price_table():
    """An installation from before issue 20: its pay form charged the price typed in the chosen answer. After the
    migration it charges the same, from a price table, in the live form and in the revision editors open next."""
    page = garden_waste_form()
    PriceRow.objects.filter(page=page).delete()
    bins = TaskFormField.objects.get(page=page, label="How many brown bins do you want?")
    bins.choices, bins.price_role, bins.field_type = "1 bin (£52)\n2 bins (£104)\n3 bins (£156)", "", "dropdown"
    bins.save()
    TaskFormField.objects.filter(page=page).exclude(pk=bins.pk).update(price_role="")
    page = TaskFormPage.objects.get(pk=page.pk)
    revision = page.save_revision()
    migration = importlib.import_module("cms_pages.migrations.0008_price_tables")

    migration.move_priced_answers_to_price_tables(apps, None)

    page = TaskFormPage.objects.get(pk=page.pk)
    assert [(row.option, str(row.price)) for row in page.prices.all()] == [
        ("1 bin", "52.00"), ("2 bins", "104.00"), ("3 bins", "156.00")
    ]
    bins.refresh_from_db()
    assert (bins.choices, bins.price_role) == ("", "option")
    form_class = page.get_form_class()
    assert [label for _, label in form_class.base_fields[bins.clean_name].choices][1] == "2 bins: £104"
    assert Intake(page.form_definition(), {bins.clean_name: "2 bins"}).amount_due == 10400
    editors_copy = Revision.objects.get(pk=revision.pk).as_object()
    assert [row.option for row in editors_copy.prices.all()] == ["1 bin", "2 bins", "3 bins"]
    assert next(f for f in editors_copy.form_fields.all() if f.pk == bins.pk).choices == ""
