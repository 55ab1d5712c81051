from django.urls import path

from . import a_to_z, answer_pages, api

app_name = "cms_pages"
urlpatterns = [
    path("api/bot/answer/", api.answer, name="bot_answer"),
    path("api/bot/pages/", api.pages, name="bot_pages"),
    path("api/bot/council/", api.council, name="bot_council"),
    path("api/bot/bin-day/", api.bin_day, name="bot_bin_day"),
    path("api/bot/councillors/", api.councillors, name="bot_councillors"),
    path("a-to-z/", a_to_z.a_to_z, name="a_to_z"),
    path("ask/<str:key>/", answer_pages.answer_page, name="answer_page"),
    path("ask/<str:key>/helpful/", answer_pages.answer_feedback, name="answer_feedback"),
]
