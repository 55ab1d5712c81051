"""What the assistant reads about every page it answers, beside its trained questions: the page's own words.

Served with the search synonyms at GET /api/bot/knowledge/ (search/assistant_knowledge.py). The action server
builds its "second opinion" from this (bot/actions/knowledge.py): a page is understood from
its title, summary, keywords, chat answer, questions, follow-up questions and body the moment it is published,
before any retraining. The fields are the ones the search index holds (each page type's ``search_fields``).
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from assistant.chat_pages import chat_pages
from cms_pages.page_links import tool_page
from cms_pages.serializers import chat_summary
from cms_pages.statements import statements
from sitewide.pages import page_path

# Pages the assistant answers with a form of its own (the bin day asks for a postcode), by the bot's intent: the
# page holding that tool (cms_pages.lookups.TOOLS), wherever an editor has put it.
OWN_FORM_PAGES = {"bin_collection_day": "bins"}
# Fields sent under their own names; every other SearchField of the page is "body" text.
OWN_FIELDS = {"title", "summary", "search_keywords", "answer"}
CACHE_SECONDS = 600
# What a page's knowledge holds: part of the version, so a release that sends more (its statements) is read by the
# assistant at once, not when a page is next published, and never served from the cache of the release before.
FORMAT = 2


def searchable_text(page):
    """The text of the page's searchable fields other than OWN_FIELDS (StreamFields as their searchable
    content), and its guide parts' text for a guide."""
    parts = []
    for field in page.search_fields:
        if not isinstance(field, index.SearchField) or field.field_name in OWN_FIELDS:
            continue
        value = getattr(page, field.field_name, None)
        if value is None or callable(value):
            continue
        model_field = _model_field(page, field.field_name)
        if model_field is not None and hasattr(model_field, "get_searchable_content"):
            parts.extend(str(item) for item in model_field.get_searchable_content(value))
        else:
            parts.append(str(value))
    for part in _guide_parts(page):
        parts.append(part.title)
        parts.append(searchable_text(part))
    return " ".join(strip_tags(part) for part in parts if part).strip()


def _model_field(page, name):
    try:
        return page._meta.get_field(name)
    except Exception:  # a property, not a model field
        return None


def _guide_parts(page):
    """A guide's further parts (its first part is the page itself)."""
    if getattr(page, "chat_kind", "") != "guide" or not hasattr(page, "get_parts"):
        return []
    return [part for part in page.get_parts() if part.pk != page.pk]


def page_knowledge(page, request, keys_by_path):
    related = []
    for other in page.get_related() if hasattr(page, "get_related") else []:
        path = other.url_path
        if path in keys_by_path:
            related.append(keys_by_path[path])
    return {
        **chat_summary(page, request),
        "summary": page.summary or "",
        "answer": page.chat_answer,
        "keywords": getattr(page, "search_keywords", "") or "",
        "questions": page.get_chat_questions(),
        "follow_up_questions": page.get_chat_follow_up_questions(),
        "body": searchable_text(page),
        "statements": statements(page),
        "related": related,
    }


def own_form_pages(site, request):
    """The pages of the assistant's own forms, with their words, under the form's intent (kind "form")."""
    found = []
    for key, tool in OWN_FORM_PAGES.items():
        page = tool_page(site, tool)
        if page is None:
            continue
        path = page_path(page, request)
        found.append(
            {
                "key": key,
                "title": page.title,
                "path": path,
                "url": page.get_url(request),
                "kind": "form",
                "summary": getattr(page, "summary", "") or "",
                "answer": "",
                "keywords": getattr(page, "search_keywords", "") or "",
                "questions": [],
                "follow_up_questions": [],
                "body": searchable_text(page),
                "statements": [],
                "related": [],
            }
        )
    return found


def knowledge_version(site):
    """Changes whenever a page is published, unpublished, moved or deleted: cheap to ask every few seconds."""
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
    state = pages.aggregate(count=Count("pk"), published=Max("last_published_at"), latest=Max("latest_revision_id"))
    raw = f"{FORMAT}:{site.pk}:{state['count']}:{state['published']}:{state['latest']}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def site_knowledge(site, request):
    """{"version", "pages": [...]}, cached per version."""
    version = knowledge_version(site)
    cache_key = f"assistant-knowledge:{version}"
    found = cache.get(cache_key)
    if found is None:
        pages = chat_pages(site)
        keys_by_path = {page.url_path: page.chat_key for page in pages}
        found = {
            "version": version,
            "pages": [page_knowledge(page, request, keys_by_path) for page in pages] + own_form_pages(site, request),
        }
        cache.set(cache_key, found, CACHE_SECONDS)
    return found
