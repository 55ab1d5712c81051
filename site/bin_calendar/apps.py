from django.apps import AppConfig


class BinCalendarConfig(AppConfig):
    name = "bin_calendar"
    label = "bin_calendar"
    verbose_name = "Bin calendars and reminders"
    default_auto_field = "django.db.models.BigAutoField"
