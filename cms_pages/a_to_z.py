"""A to Z of services, made from the live pages each time it is asked for (and kept whole by the page cache, which
any publish clears): every service area and every page that answers a resident's question, by its first letter,
with a letter index of plain links, so it works without JavaScript."""
import string

from django.shortcuts import render

from sitewide.current_site import current_site

from .models import GuidePage, ServiceAreaPage, SignpostPage, StepByStepPage, TaskPage, UrgentPage
from .page_links import site_pages

PAGE_TYPES = (ServiceAreaPage, TaskPage, GuidePage, StepByStepPage, SignpostPage, UrgentPage)
OTHER = "0-9"


def letter_of(title):
    first = title.strip()[:1].upper()
    return first if first in string.ascii_uppercase else OTHER


def entries(site):
    """[(letter, [page, ...])] for every letter A to Z (an empty list for a letter with none), then 0-9 if used."""
    by_letter = {}
    for model in PAGE_TYPES:
        for page in site_pages(model, site).only("id", "title", "url_path", "search_description"):
            by_letter.setdefault(letter_of(page.title), []).append(page)
    letters = list(string.ascii_uppercase) + ([OTHER] if OTHER in by_letter else [])
    return [(letter, sorted(by_letter.get(letter, []), key=lambda page: page.title.lower())) for letter in letters]


def a_to_z(request):
    return render(request, "cms_pages/a_to_z.html", {"letters": entries(current_site(request))})
