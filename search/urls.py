from django.urls import path

from . import assistant_knowledge, views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/click/", views.click, name="click"),
    path("api/search/", views.search_api, name="api"),
    path("api/search/autocomplete/", views.autocomplete_api, name="autocomplete"),
    path("api/bot/knowledge/", assistant_knowledge.knowledge, name="bot_knowledge"),
]
