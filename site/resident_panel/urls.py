from django.urls import path

from . import testing, views

app_name = "resident_panel"
urlpatterns = [
    path("testing-panel/join/", views.join, name="join"),
    path("testing-panel/confirm/<str:token>/", views.confirm, name="confirm"),
    path("testing-panel/leave/<str:token>/", views.leave, name="leave"),
    path("testing/<str:token>/", testing.start, name="test"),
    path("testing/<str:token>/page/", testing.draft, name="draft"),
    path("testing/<str:token>/questions/", testing.questions, name="questions"),
    path("testing/<str:token>/thank-you/", testing.thanks, name="thanks"),
]
