"""A complaint sent through the comments, compliments and complaints form (by a resident, or by staff for a
caller) opens at stage 1: one of the steps after a request is sent that casework.intake.submit.submit lists."""
from django.dispatch import receiver

from casework.intake.submit import request_received
from feedback.from_forms import what_it_tells

from .stages import open_complaint


@receiver(request_received, dispatch_uid="complaints_from_forms")
def open_complaint_from_form(sender, submission, definition, **kwargs):
    told = what_it_tells(submission, definition)
    if told and told[0] == "complaint":
        open_complaint(submission, service_area=told[2])
