"""Teach the assistant from the Resident feedback dashboard: a question it could not answer becomes a question of
the page that answers it, in a draft for the page's usual review (feedback/teach.py)."""
import json

import pytest
from django.test import Client

from assistant.models import UnansweredQuestion
from cms_pages.models import TaskPage
from tests.conftest import westmere

pytestmark = pytest.mark.django_db


def page_at(path):
    return TaskPage.objects.get(**westmere(path))


def unanswered(text):
    return UnansweredQuestion.objects.create(text=text, page_url="/bins-and-recycling/")


def test_teaching_adds_the_question_to_a_draft_of_the_page_for_its_usual_review(admin_client):
    question = unanswered("the bin lorry drove straight past my house")
    dashboard = admin_client.get("/admin/resident-feedback/").content.decode()
    assert f"/admin/resident-feedback/teach/{question.pk}/" in dashboard and "Teach the assistant" in dashboard

    page = page_at("/bins-and-recycling/report-a-missed-bin/")
    form = admin_client.get(f"/admin/resident-feedback/teach/{question.pk}/").content.decode()
    assert "the bin lorry drove straight past my house" in form and "Report a missed bin collection" in form
    response = admin_client.post(f"/admin/resident-feedback/teach/{question.pk}/",
                                 {"question": question.text, "page": page.pk})
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"

    page.refresh_from_db()
    assert question.text not in page.get_chat_questions()  # live page unchanged until reviewed and published
    draft = page.get_latest_revision_as_object()
    assert draft.get_chat_questions()[-1] == question.text
    question.refresh_from_db()
    assert question.dealt_with


def test_teaching_a_question_that_belongs_to_another_page_says_which(admin_client):
    question = unanswered("my bin wasn't emptied")
    page = page_at("/council-tax/pay/")
    response = admin_client.post(f"/admin/resident-feedback/teach/{question.pk}/",
                                 {"question": question.text, "page": page.pk})
    assert response.status_code == 200
    assert "already belongs to the page “Report a missed bin collection”" in response.content.decode()
    question.refresh_from_db()
    assert not question.dealt_with


def test_a_question_the_resident_said_was_answered_wrongly_names_the_answer_it_got(admin_client):
    # What the bot's action_not_helpful sends when the resident says "that's not what I asked".
    body = {"sender_id": "resident-9", "text": "my recycling has sat outside since tuesday",
            "intent": "not_helpful:recycling_centres", "confidence": 0.81, "page_url": "/bins-and-recycling/"}
    response = Client(HTTP_HOST="localhost").post("/api/bot/unanswered/", json.dumps(body),
                                                  content_type="application/json")
    assert response.status_code == 201
    question = UnansweredQuestion.objects.get(text=body["text"])
    dashboard = admin_client.get("/admin/resident-feedback/").content.decode()
    wrong = page_at("/bins-and-recycling/recycling-centres/")
    answered = f'Answered with <a href="/admin/pages/{wrong.pk}/edit/">{wrong.title}</a>'
    assert f"{answered}: the resident said it did not help." in dashboard
    form = admin_client.get(f"/admin/resident-feedback/teach/{question.pk}/").content.decode()
    assert f"The assistant answered with “{wrong.title}”, and the resident said it did not help." in form


def test_only_dashboard_users_can_teach(client, django_user_model):
    question = unanswered("where do I get a bus pass")
    client.force_login(django_user_model.objects.create_user("resident", password="x"))
    assert client.get(f"/admin/resident-feedback/teach/{question.pk}/").status_code in (302, 403)
