"""GET /api/bot/knowledge/: what the chat assistant reads beside its trained questions: every chat page's own
words (cms_pages.knowledge) and the search synonyms editors keep for the council and for every council (what
residents type = the words our pages use), so the assistant understands "ctax" or "tip" the way the site search does.

Here rather than in cms_pages because it reads the synonyms, and search sits above cms_pages.
"""
import hashlib

from django.db.models import Count, Max
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from assistant.bot_api import bot_only, council_for
from cms_pages.knowledge import site_knowledge

from .models import Synonym


def synonym_groups(site):
    return [synonym.group() for synonym in Synonym.for_site(site)]


def synonyms_version(site):
    state = Synonym.for_site(site).aggregate(count=Count("pk"), changed=Max("updated_at"))
    return f"{state['count']}:{state['changed']}"


@bot_only
@require_GET
def knowledge(request):
    """Every page the assistant answers with its own words, and the synonyms. With the version the action server
    already has, {"version", "unchanged": true} until a page or a synonym changes."""
    site, _ = council_for(request)
    pages = site_knowledge(site, request)
    version = hashlib.sha256(f"{pages['version']}:{synonyms_version(site)}".encode()).hexdigest()[:16]
    known = request.GET.get("version", "")
    if known and known == version:
        return JsonResponse({"version": version, "unchanged": True})
    return JsonResponse({"version": version, "pages": pages["pages"], "synonyms": synonym_groups(site)})
