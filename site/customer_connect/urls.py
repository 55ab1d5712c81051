from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from assistant import urls as assistant_urls
from casework import urls as casework_urls
from cms_pages import urls as cms_pages_urls
from feedback import urls as feedback_urls
from search import urls as search_urls
from sitewide import urls as sitewide_urls

handler400 = "sitewide.views.bad_request"  # JSON for the API
handler500 = "sitewide.error_page.server_error"  # the council's phone, written at release

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("", include(search_urls)),
    path("", include(sitewide_urls)),
    path("", include(assistant_urls)),
    path("", include(cms_pages_urls)),
    path("", include(casework_urls)),
    path("", include(accounts_urls)),
    path("", include(feedback_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
