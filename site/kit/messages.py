"""GOV.UK Design System error messages, written once (https://design-system.service.gov.uk/components/)."""
from django.utils.html import strip_tags

EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"
POSTCODE_INVALID = "Enter a real postcode, like WM1 1AA"


def postcode_invalid(example=None):
    """With the council's own example postcode (None: the default council's)."""
    return f"Enter a real postcode, like {example}" if example else POSTCODE_INVALID
PHONE_INVALID = "Enter a UK phone number, like 01632 960 001 or 07700 900 982"
SORT_CODE_INVALID = "Enter a valid sort code, like 30 94 03"
ACCOUNT_NUMBER_INVALID = "Enter a valid account number, like 00733445"
NUMBER_INVALID = "Enter a number, like 2"
MONEY_INVALID = "Enter a number, like 52 or 183.50"
MONEY_DECIMAL_PLACES = "Enter an amount with no more than 2 decimal places, like 183.50"


def plain(label):
    return strip_tags(str(label or "")).strip()


def lower_first(text):
    """'Your postcode' -> 'your postcode', but 'PCN number' stays as it is."""
    text = plain(text)
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def required_message(label, choose=False):
    """'Enter your postcode', 'Select how many items' or, for a question, "Answer 'What happened?'"."""
    label = plain(label)
    if label.endswith("?"):
        return f"Select an answer to ‘{label}’" if choose else f"Answer ‘{label}’"
    return f"Select {lower_first(label)}" if choose else f"Enter {lower_first(label)}"


def whole_number_message(label, lowest, highest):
    """"Answer 'How many days?' with a whole number from 1 to 60", or 'Days must be a whole number from 1 to 60'."""
    label = plain(label)
    if label.endswith("?"):
        return f"Answer ‘{label}’ with a whole number from {lowest:,} to {highest:,}"
    return f"{label} must be a whole number from {lowest:,} to {highest:,}"


def too_long_message(label, max_length):
    return f"{plain(label) or 'Your answer'} must be {max_length:,} characters or fewer"


def money_minimum_message(label, minimum):
    return f"{plain(label) or 'The amount'} must be £{minimum:,.2f} or more"


def money_maximum_message(label, maximum):
    return f"{plain(label) or 'The amount'} must be £{maximum:,.2f} or less"


def date_required_parts_message(label, missing):
    return f"{plain(label)} must include a {' and a '.join(missing)}"


def date_invalid_message(label):
    return f"{plain(label)} must be a real date, like 27 3 2025"


def date_too_early_message(label, year):
    return f"{plain(label)} must be after {year}"


def date_future_message(label):
    return f"{plain(label)} must be today or in the past"
