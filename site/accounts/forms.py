from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm

from casework.models import ContactBy
from kit import messages
from kit.fields import UKPhoneField
from kit.text import clean_text, without_direction_controls
from kit.uk import is_uk_mobile, normalise_uk_phone
from places.lookups import SELECT_ADDRESS

from .models import ResidentProfile

EMAIL_MESSAGES = {
    "required": "Enter your email address",
    "invalid": messages.EMAIL_INVALID,
}


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email address", help_text="We will send you a link to confirm it", error_messages=EMAIL_MESSAGES
    )
    password = forms.CharField(
        label="Create a password",
        help_text="At least 8 characters. Do not use a common password.",
        widget=forms.PasswordInput,
        error_messages={"required": "Enter a password"},
    )

    def clean_email(self):
        # Whether an account already exists is never said here (that would tell anyone which
        # addresses have accounts): the view answers "check your email" either way.
        return self.cleaned_data["email"].strip().lower()

    def existing_user(self):
        return get_user_model().objects.filter(username__iexact=self.cleaned_data["email"]).first()

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = get_user_model()(username=self.data.get("email", ""), email=self.data.get("email", ""))
        password_validation.validate_password(password, user)
        return password

    def save(self):
        email = self.cleaned_data["email"]
        return get_user_model().objects.create_user(username=email, email=email, password=self.cleaned_data["password"])


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account is closed",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].strip().lower()
        return super().clean()


class DetailsForm(forms.ModelForm):
    """The resident's details that fill in forms: name, phone, and how they want updates on their requests."""

    update_open_requests = forms.BooleanField(
        label="Also use these details on my open requests", required=False,
        help_text="The teams dealing with them will use your new name and phone number",
    )

    class Meta:
        model = ResidentProfile
        fields = ["full_name", "phone", "contact_by"]
        widgets = {"contact_by": forms.RadioSelect}
        help_texts = {"phone": "A mobile number if you want text messages, for example 07700 900123"}

    def __init__(self, *args, open_requests=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].max_length = 200
        self.fields["phone"] = UKPhoneField(label="Phone number", required=False,
                                            help_text=self.fields["phone"].help_text)
        self.fields["contact_by"].label = "How should we send you updates on your requests?"
        self.fields["contact_by"].error_messages["required"] = "Select how we should send you updates"
        if not open_requests:
            del self.fields["update_open_requests"]
        else:
            self.fields["update_open_requests"].label = (
                f"Also use these details on my {open_requests} open request{'s' if open_requests != 1 else ''}"
            )

    def clean_full_name(self):
        return without_direction_controls(clean_text(self.cleaned_data["full_name"])).strip()

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return normalise_uk_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        if ContactBy.by_text(cleaned.get("contact_by")) and not is_uk_mobile(cleaned.get("phone") or ""):
            self.add_error("phone", "Enter a mobile phone number, starting 07, to get text messages")
        return cleaned


class FindAddressForm(forms.Form):
    postcode = forms.CharField(
        label="Postcode", max_length=30, help_text="For example, WM1 1AA",
        error_messages={"required": "Enter your postcode"},
    )


class ChooseAddressForm(forms.Form):
    uprn = forms.ChoiceField(label="Select your address", widget=forms.RadioSelect,
                             error_messages={"required": SELECT_ADDRESS, "invalid_choice": SELECT_ADDRESS})

    def __init__(self, addresses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uprn"].choices = [(address.uprn, address.short) for address in addresses]
