from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("go/<str:name>", views.go, name="go"),
    path("go/<str:name>/", views.go),
]
