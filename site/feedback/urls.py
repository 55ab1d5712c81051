from django.urls import path

from . import chat_answers, views

urlpatterns = [
    path("feedback/", views.submit_feedback, name="page_feedback"),
    path("api/chat/answer-feedback/", chat_answers.chat_answer_feedback, name="chat_answer_feedback"),
]
