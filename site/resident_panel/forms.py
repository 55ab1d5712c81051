"""The residents' forms: joining the panel, and the questions after each task of a remote test."""

from django import forms

from kit.fields import GovukEmailField
from kit.messages import too_long_message
from kit.text import clean_text, without_direction_controls

from .models import COMMENT_MAX_LENGTH

EASE_CHOICES = [
    ("1", "1 – very hard"),
    ("2", "2 – hard"),
    ("3", "3 – neither easy nor hard"),
    ("4", "4 – easy"),
    ("5", "5 – very easy"),
]


def tidy(text):
    """What a resident typed, safe to keep: no NUL, no lone surrogate, no text-direction tricks."""
    return without_direction_controls(clean_text(text or "")).strip()


class TopicField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


class JoinForm(forms.Form):
    email = GovukEmailField(label="Email address", help_text="We will send a link to confirm it first")
    first_name = forms.CharField(
        label="First name (optional)", required=False, max_length=100,
        help_text="So our emails can say hello. Leave it out if you prefer.",
    )
    topics = TopicField(
        queryset=None,
        label="Which topics are you interested in?",
        help_text="Select all that apply. We will only ask you to test pages about these.",
        error_messages={
            "required": "Select at least one topic",
            "invalid_choice": "Select topics from the list",
            "invalid_pk_value": "Select topics from the list",
        },
    )
    consent = forms.BooleanField(
        label="I agree to join the panel, and for the council to keep my details as described above",
        error_messages={"required": "Select that you agree, to join the panel"},
    )

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
        self.fields["first_name"].error_messages["max_length"] = too_long_message("Your first name", 100)

    def clean_first_name(self):
        return tidy(self.cleaned_data["first_name"])


class AnswerForm(forms.Form):
    """For each task: did you manage it, how easy was it, what got in the way. Fields are named by the task's id."""

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = list(tasks)
        for number, task in enumerate(self.tasks, start=1):
            self.fields[f"managed_{task.pk}"] = forms.ChoiceField(
                label="Did you manage it?",
                choices=[("yes", "Yes"), ("no", "No")],
                widget=forms.RadioSelect,
                error_messages={"required": f"Task {number}: select yes if you managed it, or no if you did not"},
            )
            self.fields[f"ease_{task.pk}"] = forms.ChoiceField(
                label="How easy was it?",
                choices=EASE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": f"Task {number}: select how easy it was, from 1 to 5"},
            )
            comment = forms.CharField(
                label="What got in the way? (optional)",
                help_text="Do not include personal information such as your name, email address or phone number.",
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea,
            )
            comment.error_messages["max_length"] = too_long_message(
                f"Task {number}: what got in the way", COMMENT_MAX_LENGTH
            )
            self.fields[f"in_the_way_{task.pk}"] = comment

    def task_groups(self):
        """[(number, task, [bound fields])] for the template: one fieldset for each task."""
        return [
            (number, task, [self[f"{name}_{task.pk}"] for name in ("managed", "ease", "in_the_way")])
            for number, task in enumerate(self.tasks, start=1)
        ]

    def answers(self):
        """[(task, managed, ease, in_the_way)] once valid."""
        data = self.cleaned_data
        return [
            (task, data[f"managed_{n}"] == "yes", int(data[f"ease_{n}"]), tidy(data[f"in_the_way_{n}"]))
            for task, n in ((task, task.pk) for task in self.tasks)
        ]
