"""The spam honeypot: one field name, one check, one piece of HTML (templates/forms/honeypot.html).

A text box that people and screen readers never meet (it sits in an element with the `hidden` attribute,
so it is not displayed, not focusable and not in the accessibility tree, with or without the stylesheet),
but that form-filling bots fill in. A post that fills it is thanked and thrown away.
"""
HONEYPOT_FIELD = "website"


def is_spam(data):
    """True when the hidden honeypot box came back filled in."""
    return bool(str(data.get(HONEYPOT_FIELD, "") or "").strip())


class HoneypotMixin:
    """For Django forms: `form.is_spam` after binding. The box itself is rendered by forms/honeypot.html, so
    it is not one of the form's fields and never shows up in `{% for field in form %}`."""

    @property
    def is_spam(self):
        return self.is_bound and is_spam(self.data)
