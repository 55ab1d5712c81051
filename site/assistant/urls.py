from django.urls import path

from . import bot_api, callbacks, chat, chat_transcripts

app_name = "assistant"
urlpatterns = [
    path("api/chat/", chat.chat_send, name="chat_send"),
    path("api/chat/poll/", chat.chat_poll, name="chat_poll"),
    path("api/bot/council/", bot_api.council, name="council"),
    path("api/bot/bin-day/", bot_api.bin_day, name="bin_day"),
    path("api/bot/councillors/", bot_api.councillors, name="councillors"),
    path("api/bot/handoff/", bot_api.handoff, name="handoff"),
    path("api/bot/unanswered/", bot_api.unanswered, name="unanswered"),
    path("api/bot/transcript/", chat_transcripts.transcript, name="transcript"),
    path("chat/callback/<str:reference>/", callbacks.request_callback, name="callback"),
]
