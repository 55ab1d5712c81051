from django.urls import path

from . import api

app_name = "cms_pages"
urlpatterns = [
    path("api/bot/answer/", api.answer, name="bot_answer"),
    path("api/bot/pages/", api.pages, name="bot_pages"),
]
