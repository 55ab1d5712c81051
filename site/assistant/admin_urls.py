from django.urls import path

from . import live_chat

app_name = "assistant_admin"
urlpatterns = [
    path("", live_chat.queue, name="queue"),
    path("queue.json", live_chat.queue_json, name="queue_json"),
    path("callbacks/<int:pk>/done/", live_chat.callback_done, name="callback_done"),
    path("<str:reference>/", live_chat.chat, name="chat"),
    path("<str:reference>/messages.json", live_chat.chat_messages, name="chat_messages"),
    path("<str:reference>/claim/", live_chat.claim, name="claim"),
    path("<str:reference>/reply/", live_chat.reply, name="reply"),
    path("<str:reference>/close/", live_chat.close, name="close"),
]
