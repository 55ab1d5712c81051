"""What the pages tell the apps beneath them through Wagtail hooks (those apps cannot import the pages)."""

from wagtail import hooks

from cms_pages import page_links


@hooks.register("assistant_linked_pages")
def pages_the_assistant_links(site):
    """The contact page and the page with the bin day lookup, which the assistant's training data links for when
    the web app is down (assistant_updates.training_data): where they are now, found as the bot's web API finds
    them."""
    return {"contact": page_links.contact_page(site), "bin_day": page_links.tool_page(site, "bins")}


@hooks.register("question_link_card")
def card_of_a_question_link(question, request):
    """The social card a link to a chat question shows (campaigns.sharing): its answer page's, or the tool page's."""
    from cms_pages.answer_pages import social_card

    return social_card(question, request)
