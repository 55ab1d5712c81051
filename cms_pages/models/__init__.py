from .base import CouncilPage, ResidentTaskPage
from .forms import ServiceToTell, TaskFormField, TaskFormPage
from .pages import (
    ContactPage,
    GuidePage,
    GuidePartPage,
    HomePage,
    ServiceAreaPage,
    SignpostPage,
    StandardPage,
    StepByStepPage,
    TaskKind,
    TaskPage,
    UrgentPage,
)
from .prices import PriceRow

__all__ = [
    "CouncilPage",
    "ResidentTaskPage",
    "ServiceToTell",
    "TaskFormField",
    "TaskFormPage",
    "PriceRow",
    "ContactPage",
    "GuidePage",
    "GuidePartPage",
    "HomePage",
    "ServiceAreaPage",
    "SignpostPage",
    "StandardPage",
    "StepByStepPage",
    "TaskKind",
    "TaskPage",
    "UrgentPage",
]
