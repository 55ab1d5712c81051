"""What the pages tell the apps beneath them through Wagtail hooks (those apps cannot import the pages)."""

from wagtail import hooks

from assistant.chat_pages import chat_page_models


@hooks.register("describe_chat_topic")
def chat_page_title(topic):
    """A chat key names the page the assistant answered with: the live chat console shows its title."""
    for model in chat_page_models():
        title = model.objects.filter(chat_key=topic).values_list("title", flat=True).first()
        if title:
            return title
    return None
