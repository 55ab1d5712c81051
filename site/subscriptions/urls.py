from django.urls import path

from . import views

app_name = "subscriptions"
urlpatterns = [
    path("subscriptions/page/<int:page_id>/", views.page_subscribe, name="page"),
    path("subscriptions/service-status/", views.service_status_subscribe, name="service_status"),
    path("subscriptions/confirm/<slug:token>/", views.confirm, name="confirm"),
    path("subscriptions/unsubscribe/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
