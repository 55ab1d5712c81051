from django.urls import path

from . import views

app_name = "directories"
urlpatterns = [
    path("find/", views.directory, name="index"),
    path("find/<str:kind>/", views.find_places, name="find"),
]
