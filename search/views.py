from django.http import JsonResponse
from django.shortcuts import render
from wagtail.models import Page


def search_page(request):
    query = request.GET.get("q", "").strip()
    results = Page.objects.live().public().specific().search(query) if query else []
    return render(request, "search/search.html", {"query": query, "results": results})


def search_api(request):
    query = request.GET.get("q", "").strip()
    results = list(Page.objects.live().public().specific().search(query)[:5]) if query else []
    return JsonResponse({"query": query, "count": len(results), "results": [
        {"title": p.title, "url": p.url, "summary": getattr(p, "summary", "")} for p in results
    ]})
