from django.urls import path

from . import api

app_name = "cms_pages"
urlpatterns = [
    path("api/bot/answer/", api.answer, name="bot_answer"),
    path("api/bot/pages/", api.pages, name="bot_pages"),
    path("api/bot/council/", api.council, name="bot_council"),
    path("api/bot/bin-day/", api.bin_day, name="bot_bin_day"),
    path("api/bot/councillors/", api.councillors, name="bot_councillors"),
]
