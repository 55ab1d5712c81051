"""Canonical URL and Open Graph / Twitter card values, so shared links show a proper card."""
from django.templatetags.static import static

from .current_site import current_site

DEFAULT_SOCIAL_IMAGE = "img/westmere-social.png"
DEFAULT_DESCRIPTION = "Find information and report, apply, pay or book council services online in Westmere."


def page_metadata(request, page=None, title=None, description=None):
    title = title or (page and (page.seo_title or page.title)) or "Westmere District Council"
    if page is not None and hasattr(page, "get_meta_description"):
        description = description or page.get_meta_description()
    description = description or (page and page.search_description) or DEFAULT_DESCRIPTION
    canonical = page.get_full_url(request) if page is not None else request.build_absolute_uri(request.path)
    site = current_site(request)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    image = getattr(page, "social_image", None)
    if image is not None:
        image_url = root_url + image.get_rendition("fill-1200x630").url
        image_alt = image.title
    else:
        image_url = root_url + static(DEFAULT_SOCIAL_IMAGE)
        image_alt = "Westmere District Council"
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "image": image_url,
        "image_alt": image_alt,
    }
