from .base import CouncilPage, ResidentTaskPage
from .forms import TaskFormField, TaskFormPage
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
