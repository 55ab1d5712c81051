from django.urls import path

from . import views

app_name = "bin_calendar"
urlpatterns = [
    path("bin-calendar/<str:uprn>.ics", views.calendar, name="calendar"),
    path("bin-calendar/<str:uprn>.json", views.calendar_json, name="json"),
    path("bin-calendar/<str:uprn>/remind/", views.remind, name="remind"),
    path("bin-calendar/confirm/<str:token>/", views.confirm, name="confirm"),
    path("bin-calendar/stop/<str:token>/", views.stop, name="stop"),
]
