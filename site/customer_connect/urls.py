from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

handler400 = "sitewide.views.bad_request"  # JSON for the API
handler500 = "sitewide.error_page.server_error"  # the council's phone, written at release

# The apps' URLs are named by module, as INSTALLED_APPS names the apps: the configuration imports none of them.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("", include("search.urls")),
    path("", include("sitewide.urls")),
    path("", include("assistant.urls")),
    path("", include("cms_pages.urls")),
    path("", include("casework.urls")),
    path("", include("accounts.urls")),
    path("", include("feedback.urls")),
    path("", include("campaigns.urls")),
    path("", include("service_status.urls")),
    path("", include("bin_calendar.urls")),
    path("", include("subscriptions.urls")),
    path("", include("resident_panel.urls")),
    path("", include("directories.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
