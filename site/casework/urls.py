from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("track/", views.track, name="track"),
    path("pay/demo/<str:token>/", views.demo_payment, name="demo_payment"),
    path("casework/uploads/<uuid:pk>/", views.upload, name="upload"),
]
