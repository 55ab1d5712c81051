"""What a merger would do: which of the old council's pages move into the new council's tree, which clash with a
page of the new council (the same address, the same form or the same chat key) and which page of each clash stays.

Addresses are compared relative to each council's home page (/bins-and-recycling/bulky-waste/ on both sites). The
default for a clash keeps the new council's page: the old page is retired and its address sends residents to the
new one. A mapping file ({old path: keep-old | keep-new | <new path>}) overrides it page by page. Reading only:
apply.py makes the changes.

`move` is for a chat-key clash between two pages at different addresses (two services one key names): both stay,
the old page moves, and the key stays the new council's page's, with the old page's questions.
"""
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db.models import Q
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page, Site

from sitewide.pages import ServiceArea

MOVE, RETIRE, KEEP_OLD, ALONG = "move", "retire", "keep-old", "along"
CHOICES = ("keep-old", "keep-new", "move")


class PlanError(Exception):
    """The councils or the mapping cannot be merged as asked; the message says why."""


@dataclass
class Entry:
    """One page of the old council and what becomes of it."""

    page: Page  # the old council's page (specific)
    path: str  # its address relative to the council's home page
    action: str  # MOVE, RETIRE, KEEP_OLD (moves and the new page it replaces retires) or ALONG (with an ancestor)
    target: Page | None = None  # MOVE/KEEP_OLD: the new council's parent; RETIRE: its replacement
    clash_with: Page | None = None  # the new council's page for the same service
    clash: str = ""  # "address", "form" or "chat key <key>"
    chosen_by: str = "default"  # or "mapping"
    key_note: str = ""  # a moving page whose chat key the new council already uses elsewhere
    new_path: str = ""  # where its address leads in the new council: its own new address, or its replacement's


@dataclass
class Plan:
    old_site: Site
    new_site: Site
    entries: list = field(default_factory=list)

    @property
    def old_home(self):
        return self.old_site.root_page

    @property
    def new_home(self):
        return self.new_site.root_page

    def clashes(self):
        return [entry for entry in self.entries if entry.clash]

    def moving(self):
        return [entry for entry in self.entries if entry.action in (MOVE, KEEP_OLD)]


def find_council(name):
    """A council's Site by its hostname, its site name or its council settings' (short) name."""
    name = name.strip()
    sites = Site.objects.filter(
        Q(hostname__iexact=name) | Q(site_name__iexact=name)
        | Q(councilsettings__name__iexact=name) | Q(councilsettings__short_name__iexact=name)
    ).distinct()
    if len(sites) != 1:
        found = ", ".join(site.hostname for site in sites) or "none"
        raise PlanError(f"{name!r} names {len(sites)} councils ({found}): give its hostname.")
    return sites[0]


def relative(page, home):
    """/bins-and-recycling/bulky-waste/ for the page under `home` (/ for the home page)."""
    return "/" + page.url_path[len(home.url_path):]


def normal_path(path):
    return "/" + path.strip().strip("/") + "/" if path.strip("/ ") else "/"


def read_mapping(path):
    """{old path: keep-old | keep-new | <new path>} from a YAML or JSON file (JSON is YAML)."""
    if not path:
        return {}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise PlanError(f"{path}: expected old paths, each with keep-old, keep-new or a new path.")
    mapping = {}
    for old, choice in data.items():
        choice = str(choice).strip()
        mapping[normal_path(str(old))] = choice if choice in CHOICES else normal_path(choice)
    return mapping


def is_form(page):
    return isinstance(page, FormMixin)


def takes_services(page):
    """A page whose children are services of their own (a council's home page, a service area): a child moves under
    it. Any other page's children (a task's form, a guide's parts) belong to it: they follow its choice."""
    return isinstance(page, ServiceArea) or Site.objects.filter(root_page_id=page.pk).exists()


def build_plan(old_site, new_site, mapping=None):
    mapping = dict(mapping or {})
    if old_site.pk == new_site.pk:
        raise PlanError("A council cannot be merged into itself.")
    old_home, new_home = old_site.root_page.specific, new_site.root_page.specific
    if not old_home.live:
        raise PlanError(f"{old_site.hostname}'s home page is unpublished: it has been merged already.")
    if new_home.path.startswith(old_home.path) or old_home.path.startswith(new_home.path):
        raise PlanError("One council's tree holds the other's: there is nothing to move.")
    new_pages = {relative(page, new_home): page for page in new_home.get_descendants(inclusive=True).specific()}
    new_keys = {}
    for page in new_pages.values():
        if getattr(page, "chat_key", ""):
            new_keys.setdefault(page.chat_key, page)

    plan = Plan(old_site, new_site)
    home_target = mapping.pop("/", None)
    if home_target not in (None, "keep-new"):
        raise PlanError("The old home page always sends residents to the new council's home page.")
    plan.entries.append(Entry(old_home, "/", RETIRE, target=new_home, clash_with=new_home, clash="address",
                              new_path="/"))
    replacement = {old_home.pk: new_home}  # old page -> the new council's page its address now leads to
    moving_roots = {}  # tree path of each old page that moves with its descendants -> (its old, its new address)

    for page in old_home.get_descendants().specific().order_by("path"):
        path = relative(page, old_home)
        root = next((root for root in moving_roots if page.path.startswith(root)), None)
        if root is not None:
            old_root, new_root = moving_roots[root]
            entry = Entry(page, path, ALONG, new_path=new_root + path[len(old_root):])
            key = getattr(page, "chat_key", "")
            clash = new_keys.get(key) if key else None
            if clash is not None and relative(clash, new_home) != path:
                entry.key_note, entry.clash_with = key_note(page, clash, new_home), clash
            plan.entries.append(entry)
            continue
        parent = Page.objects.get(path=page.path[:-Page.steplen]).specific
        parent_new = replacement[parent.pk]
        entry = decide(page, path, parent, parent_new, new_pages, new_keys, mapping.pop(path, None), new_home)
        plan.entries.append(entry)
        if entry.action in (MOVE, KEEP_OLD):
            entry.new_path = relative(entry.target, new_home) + page.slug + "/"
            moving_roots[page.path] = (path, entry.new_path)
        else:
            entry.new_path = relative(entry.target, new_home)
            replacement[page.pk] = entry.target
    if mapping:
        raise PlanError(f"The mapping names pages the old council does not have, or that move with a page above "
                        f"them: {', '.join(sorted(mapping))}")
    check_moves(plan, new_pages)
    return plan


def key_note(page, clash, new_home):
    return (f"chat key {page.chat_key} is {relative(clash, new_home)}'s in the new council: it stays that page's, "
            "and this page's questions join it")


def decide(page, path, parent, parent_new, new_pages, new_keys, choice, new_home):
    """The entry for an old page whose parent stays behind (it is retired, or is the home page)."""
    counterpart, clash = new_pages.get(path), ""
    if counterpart is not None:
        clash = "form" if is_form(page) and is_form(counterpart) else "address"
    elif getattr(page, "chat_key", "") and page.chat_key in new_keys:
        counterpart, clash = new_keys[page.chat_key], f"chat key {page.chat_key}"
    by = "mapping" if choice else "default"
    if choice not in (None, *CHOICES):  # a new page's address: retire in favour of that page
        target = new_pages.get(choice)
        if target is None:
            raise PlanError(f"{path}: the new council has no page at {choice}.")
        return Entry(page, path, RETIRE, target=target, clash_with=counterpart, clash=clash, chosen_by=by)
    if choice == "move":
        if not clash.startswith("chat key"):
            raise PlanError(f"{path}: move is for a chat key clash; the new council has a page at this address.")
        return Entry(page, path, MOVE, target=parent_new, clash_with=counterpart, clash=clash, chosen_by=by,
                     key_note=key_note(page, counterpart, new_home))
    if counterpart is None:
        if choice == "keep-new":
            raise PlanError(f"{path}: keep-new, but the new council has no page for it: name one of its pages.")
        if not takes_services(parent):  # a form or part of a retired page: it goes where its page went
            return Entry(page, path, RETIRE, target=parent_new)
        return Entry(page, path, MOVE, target=parent_new)
    if choice == "keep-old":
        if counterpart.pk == new_home.pk or parent_new.path.startswith(counterpart.path):
            raise PlanError(f"{path}: keep-old would retire the new council's page the old one moves under.")
        return Entry(page, path, KEEP_OLD, target=parent_new, clash_with=counterpart, clash=clash, chosen_by=by)
    return Entry(page, path, RETIRE, target=counterpart, clash_with=counterpart, clash=clash, chosen_by=by)


def check_moves(plan, new_pages):
    """Refuse what would lose or hide a page: a moving page whose slug its new parent already has, or keep-old on
    a new page with pages beneath it the old page lacks (they would be retired with it)."""
    taken = {(page.get_parent().pk, page.slug) for page in new_pages.values() if page.depth > 1}
    for entry in plan.moving():
        if entry.action == MOVE and (entry.target.pk, entry.page.slug) in taken:
            raise PlanError(f"{entry.path}: the new council already has a page at {entry.new_path}.")
        if entry.action == KEEP_OLD:
            counterpart = entry.clash_with
            old_beneath = {relative(p, entry.page) for p in entry.page.get_descendants()}
            lost = [relative(p, plan.new_home) for p in counterpart.get_descendants()
                    if relative(p, counterpart) not in old_beneath]
            if lost:
                raise PlanError(
                    f"{entry.path}: keep-old would retire the new council's {', '.join(lost)} with "
                    f"{relative(counterpart, plan.new_home)}: choose keep-new, or move those pages first."
                )
