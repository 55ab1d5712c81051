"""StreamField blocks for the content patterns of the GOV.UK Design System."""
from wagtail import blocks

PARAGRAPH_FEATURES = ["h3", "bold", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="A short heading that says what the section is about.")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading. Each one gets its own link so the section can be shared."
        preview_value = {"text": "What you need"}


class WarningTextBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="Something residents must know to avoid a problem, such as a deadline.")

    class Meta:
        icon = "warning"
        template = "blocks/warning_text_block.html"
        description = "Warning text: use sparingly, for legal or safety information."
        preview_value = {"text": "You can be fined up to £1,000 if you do not tell us."}


class InsetTextBlock(blocks.StructBlock):
    text = blocks.TextBlock()

    class Meta:
        icon = "openquote"
        template = "blocks/inset_text_block.html"
        description = "Inset text: a quote, example or extra information set apart from the text."
        preview_value = {"text": "It can take up to 8 weeks to process your claim."}


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120, help_text="The question or link text residents click to open it.")
    content = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "collapse-down"
        template = "blocks/details_block.html"
        description = "Details: content most residents do not need, hidden until opened."
        preview_value = {"summary": "Help with this form", "content": "<p>Call us if you need help.</p>"}


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(required=False, help_text="Optional sentence before the button.")
    label = blocks.CharBlock(max_length=60, help_text="Button text that starts with a verb, for example: Start now.")
    url = blocks.CharBlock(max_length=255, help_text="A page path such as /council-tax/pay/ or a full web address.")

    class Meta:
        icon = "link-external"
        template = "blocks/call_to_action_block.html"
        description = "A green button leading to the next thing residents need to do."
        preview_value = {"text": "You can pay online.", "label": "Pay now", "url": "/council-tax/pay/"}


class ContactBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, help_text="Who to contact, for example: Council Tax team.")
    phone = blocks.CharBlock(max_length=30, required=False)
    email = blocks.EmailBlock(required=False)
    hours = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "mail"
        template = "blocks/contact_block.html"
        description = "Contact details for a team."
        preview_value = {"title": "Council Tax team", "phone": "01632 960000", "hours": "Monday to Friday, 9am to 5pm"}


class BodyStreamBlock(blocks.StreamBlock):
    """The one set of content blocks every page type shares."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Plain text: short sentences, lists and links.",
        preview_value="<p>We collect bins every two weeks.</p>",
    )
    warning = WarningTextBlock()
    inset = InsetTextBlock()
    details = DetailsBlock()
    call_to_action = CallToActionBlock()
    contact = ContactBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    links = blocks.ListBlock(blocks.PageChooserBlock(), required=False, help_text="Task pages for this step.")

    class Meta:
        icon = "list-ol"
        description = "One numbered step in a journey, with links to the tasks it involves."
        preview_value = {"title": "Check if you need planning permission", "text": "", "links": []}


class BinDayLookupBlock(blocks.StaticBlock):
    """The postcode box, the addresses at the postcode and that address's next collections (cms_pages/lookups.py)."""

    class Meta:
        icon = "calendar"
        label = "Bin day lookup"
        template = "blocks/bin_day_lookup_block.html"
        admin_text = (
            "Residents type their postcode, pick their address and see when each bin goes out next. "
            "Nothing to fill in: the addresses and rounds come from the address list (manage.py load_addresses)."
        )
        description = "A postcode box that finds an address's bin collection days."
        preview_value = None


class CouncillorFinderBlock(blocks.StaticBlock):
    """The postcode box, then the ward and its councillors with how to contact them (cms_pages/lookups.py)."""

    class Meta:
        icon = "group"
        label = "Councillor finder"
        template = "blocks/councillor_finder_block.html"
        admin_text = (
            "Residents type their postcode (and pick their address if the postcode is in two wards) and see their "
            "ward's councillors with email, phone and surgery times. Nothing to fill in: wards and councillors "
            "come from the address list (manage.py load_addresses)."
        )
        description = "A postcode box that finds a resident's ward and councillors."
        preview_value = None


class TaskBodyStreamBlock(BodyStreamBlock):
    """A task page's body: the shared blocks, and the tools that look an address up (one of each at most)."""

    bin_day_lookup = BinDayLookupBlock()
    councillor_finder = CouncillorFinderBlock()

    class Meta:
        block_counts = {"bin_day_lookup": {"max_num": 1}, "councillor_finder": {"max_num": 1}}
