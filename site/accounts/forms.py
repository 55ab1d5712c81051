from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm

from kit import messages

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
