"""The residents' sign-up forms: an email address, and for service status which services."""
from django import forms

from kit.fields import GovukEmailField

from .disruptions import service_areas

EVERY_SERVICE = "all"


class EmailForm(forms.Form):
    email = GovukEmailField(
        label="Email address", help_text="We will send a link to confirm it first",
        error_messages={"required": "Enter your email address"},
    )


class ServiceStatusForm(EmailForm):
    services = forms.ChoiceField(
        label="Which services?", widget=forms.RadioSelect,
        error_messages={"required": "Select which services you want emails about",
                        "invalid_choice": "Select which services you want emails about"},
    )

    field_order = ["services", "email"]

    def __init__(self, *args, site, **kwargs):
        """`site`: the council whose site the form is on; its own service areas are the choices."""
        super().__init__(*args, **kwargs)
        self.areas = {str(area.pk): area for area in service_areas(site)}
        choices = [(EVERY_SERVICE, "All council services")]
        self.fields["services"].choices = choices + [(pk, area.title) for pk, area in self.areas.items()]

    def chosen_area(self):
        """The service area page chosen, or None for every service."""
        return self.areas.get(self.cleaned_data["services"])
