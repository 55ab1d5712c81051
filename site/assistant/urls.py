from django.urls import path

from . import bot_api, callbacks, chat, chat_transcripts

app_name = "assistant"
urlpatterns = [
    path("api/chat/", chat.chat_send, name="chat_send"),
    path("api/chat/poll/", chat.chat_poll, name="chat_poll"),
    # GET /api/bot/council/, /api/bot/bin-day/ and /api/bot/councillors/ link to pages: cms_pages/urls.py.
    path("api/bot/handoff/", bot_api.handoff, name="handoff"),
    path("api/bot/unanswered/", bot_api.unanswered, name="unanswered"),
    path("api/bot/transcript/", chat_transcripts.transcript, name="transcript"),
    path("chat/callback/<str:reference>/", callbacks.request_callback, name="callback"),
]
