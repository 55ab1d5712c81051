"""Canonical URL and Open Graph / Twitter card values, so shared links show a proper card."""
from django.templatetags.static import static

from .councils import council_for_site, council_name
from .current_site import current_site
from .page_cache import kept

DEFAULT_SOCIAL_IMAGE = "img/westmere-social.png"
DEFAULT_DESCRIPTION = "Find information and report, apply, pay or book council services online in {area}."


def page_metadata(request, page=None, title=None, description=None, council=None):
    """`council`: the site's settings when the caller has them (the template context's, from the context processor),
    else read here."""
    site = current_site(request)
    council = council or council_for_site(site)
    name = council_name(council)
    title = title or (page and (page.seo_title or page.title)) or name
    if page is not None and hasattr(page, "get_meta_description"):
        description = description or page.get_meta_description()
    description = (
        description
        or (page and page.search_description)
        or DEFAULT_DESCRIPTION.format(area=council.area_name if council is not None else name)
    )
    canonical = page.get_full_url(request) if page is not None else request.build_absolute_uri(request.path)
    root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    image = social_image(getattr(page, "social_image_id", None))
    if image is not None:
        image_url, image_alt = root_url + image[0], image[1]
    else:
        image_url = root_url + static(DEFAULT_SOCIAL_IMAGE)
        image_alt = name
    return {
        "site_name": name,
        "title": title,
        "description": description,
        "canonical": canonical,
        "image": image_url,
        "image_alt": image_alt,
    }


def social_image(image_id):
    """(address, alt text) of an image's link-preview rendition: kept, as asking for it costs a query and two cache
    round trips on every page that has one (a change of the image, like a publish, replaces it: signals.py)."""
    if image_id is None:
        return None

    def build():
        from wagtail.images import get_image_model

        image = get_image_model().objects.filter(pk=image_id).first()
        return (image.get_rendition("fill-1200x630").url, image.title) if image is not None else None

    return kept(f"social-image:{image_id}", build)
