from django.urls import path

from .health import healthz
from .views import openapi_json, openapi_yaml

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/openapi.yaml", openapi_yaml, name="openapi_yaml"),
    path("api/openapi.json", openapi_json, name="openapi_json"),
]
