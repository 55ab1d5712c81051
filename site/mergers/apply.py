"""Carry out a merger's plan (plan.py), all of it or none: one transaction.

Order matters: pages move first (so every old address has a live page to lead to), then every old address gets
its 301, requests follow their retired forms, the old council's home and what is left under it are unpublished,
chat keys go to the pages that answer them, and only then is search re-indexed. Retired pages are unpublished, not
deleted: a page's requests, feedback, subscriptions and history are deleted with it (their page keys cascade),
and an unpublished page keeps them for staff, its revisions and its old address's record.

The old council's Site stays, with its hostname: Wagtail finds its (unpublished) home page, answers 404, and the
redirects middleware turns that into the 301 of a Redirect kept for that site. Its settings stay too, so a
reference typed without its prefix on the old hostname's /track/ is still read as the old council's.

Caches: the page cache is cleared once the transaction commits (a cached old page would hide its 301); nginx keeps
a page for PROXY_PAGE_CACHE_SECONDS at most (a second) and never a 301, which carries no X-Accel-Expires.
"""
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.search import index

from assistant_updates import pipeline
from assistant_updates.runner import run_in_background
from casework.models import Submission
from sitewide.councils import council_for_site, council_name, public_url
from sitewide.models import CouncilSettings, CouncilTeam
from sitewide.page_cache import clear_page_cache

from .chat_keys import carry_out, key_moves
from .plan import KEEP_OLD, relative
from .report import requests_moving


def fresh(page):
    """The page as the database has it now: every move rewrites the tree paths of the pages it carries."""
    return Page.objects.get(pk=page.pk).specific


@transaction.atomic
def merge(plan, queue_only=False):
    """Returns what was done, as report lines."""
    keys, requests = key_moves(plan), requests_moving(plan)
    retired_new = {}  # the new council's pages a keep-old retires: their address -> the old page's new address
    for entry in plan.moving():
        original_parent = entry.page.get_parent()
        if entry.action == KEEP_OLD:  # the new council's page leaves its address first: a slug is one per parent
            counterpart = entry.clash_with
            retired_new[relative(counterpart, plan.new_home)] = entry.new_path
            redirect_retired_new(plan, entry)
            fresh(counterpart).move(Page.objects.get(pk=plan.old_home.pk), pos="last-child")
        fresh(entry.page).move(Page.objects.get(pk=entry.target.pk), pos="last-child")
        if entry.action == KEEP_OLD:  # and takes the old page's place among the retired pages
            fresh(counterpart).move(Page.objects.get(pk=original_parent.pk), pos="last-child")

    new_home = fresh(plan.new_home)
    served = {"/" + page.url_path[len(new_home.url_path):] for page in new_home.get_descendants(inclusive=True)}
    for entry in plan.entries:  # every old address, on the old hostname, to its new home on the new council's
        new_path = retired_new.get(entry.new_path, entry.new_path)
        add_redirect(plan.old_site, entry.path, public_url(plan.new_site, new_path))
        if entry.path not in served:  # on the new hostname too: a moved page's link to a retired one is a path
            add_redirect(plan.new_site, entry.path, public_url(plan.new_site, new_path))

    moved_requests = 0
    for form, to, _ in requests:
        if to is not None:
            moved_requests += Submission.objects.filter(page_id=form.pk).update(page_id=to.pk)

    old_home = Page.objects.get(pk=plan.old_home.pk)
    retired = list(Page.objects.descendant_of(old_home, inclusive=True).live().specific())
    for page in retired:
        page.unpublish(log_action=True)

    changed = []
    for move in keys:
        changed += carry_out(move, fresh(plan.new_home).path)

    indexed = reindex(plan, retired + changed)
    old_name = council_name(council_for_site(plan.old_site))
    new_name = council_name(council_for_site(plan.new_site))
    plan.old_site.site_name = f"{old_name} (merged into {new_name})"[:255]
    plan.old_site.save(update_fields=["site_name"])
    old_council = CouncilSettings.for_site(plan.old_site)
    old_council.merged_into = plan.new_site  # its bot API and search answer as the new council (sitewide)
    old_council.save(update_fields=["merged_into"])
    transaction.on_commit(clear_page_cache)

    done = [
        f"{counted(len(plan.moving()), 'page')} moved; {counted(len(plan.entries), 'old address', 'old addresses')} "
        f"answer 301 on {plan.old_site.hostname}",
        f"{counted(moved_requests, 'request')} now under the forms that replace theirs; "
        f"{counted(len(retired), 'page')} unpublished",
        f"{counted(indexed, 'page')} re-indexed for search",
        queue_update(old_name, new_name, queue_only),
    ]
    joined = CouncilTeam.objects.filter(site=plan.new_site).values("group")
    teams = (CouncilTeam.objects.filter(site=plan.old_site).exclude(group__in=joined).select_related("group")
             .order_by("group__name"))
    if teams:  # whom staff work for is an administrator's choice, not a merger's
        done.append(f"Staff: {', '.join(team.group.name for team in teams)} still work for {old_name} alone: give "
                    f"them {new_name} in Settings > Councils' teams if they join it.")
    return done


def counted(number, one, many=None):
    return f"{number} {one if number == 1 else many or one + 's'}"


def add_redirect(site, old_path, link):
    Redirect.objects.update_or_create(
        site=site, old_path=Redirect.normalise_path(old_path),
        defaults={"redirect_link": link, "redirect_page": None, "redirect_page_route_path": "",
                  "is_permanent": True, "automatically_created": False},
    )


def redirect_retired_new(plan, entry):
    """The new council's page a keep-old retires, and the pages beneath it, lead to the old page that replaces it
    (on the new council's own site) where no page of the old one's takes their address."""
    served = {entry.new_path + relative(page, entry.page)[1:] for page in entry.page.get_descendants(inclusive=True)}
    for page in entry.clash_with.get_descendants(inclusive=True):
        address = relative(page, plan.new_home)
        if address not in served:
            add_redirect(plan.new_site, address, public_url(plan.new_site, entry.new_path))


def reindex(plan, also):
    """The moved pages (and what a merger changed) in the search index as they are now: their addresses, councils
    and live state are what a search filters on."""
    pages = {page.pk: page for page in also}
    for entry in plan.moving():
        for page in fresh(entry.page).get_descendants(inclusive=True).specific():
            pages[page.pk] = page
    for page in pages.values():
        index.insert_or_update_object(fresh(page))
    return len(pages)


def queue_update(old_name, new_name, queue_only):
    """The usual gated assistant update (export, train, test, then live), queued with the merger as its reason."""
    try:
        update = pipeline.start_update()
    except pipeline.UpdateRefused as refused:
        return f"Assistant update not queued: {refused} Start one when it has finished (Assistant updates)."
    update.started_by_name = f"merge_councils: {old_name} into {new_name}"[:150]
    update.save(update_fields=["started_by_name"])
    if not queue_only:
        transaction.on_commit(lambda: run_in_background(update))
    return f"Assistant update {update.pk} queued ({update.started_by_name})" + (
        "; not started (--queue-only): run manage.py update_assistant --run " + str(update.pk) if queue_only else "")
