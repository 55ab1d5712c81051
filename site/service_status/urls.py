from django.urls import path

from . import views

app_name = "service_status"
urlpatterns = [
    path("service-status/", views.service_status, name="list"),
    path("service-status/feed/", views.ServiceStatusFeed(), name="feed"),
]
