"""Loads the demo councils: creates missing pages, leaves editors' changes alone.

Westmere (content.yaml, the default site, on any host) and Fellside (fellside.yaml, on fellside.localhost): two
councils on one installation, each a Wagtail Site with its own home page, content tree and settings.
Running it twice changes nothing. `update=True` rewrites demo pages from the files.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from directories.models import WEEKDAYS, Facility, OpeningHours, Place
from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from assistant.chat_pages import validate_key
from casework.access import set_up_team
from casework.intake.definition import obvious_role
from cms_pages import models as pages
from places import loading as address_list
from places.councils import stored_site
from sitewide.models import AlertBanner, CouncilSettings, CouncilTeam

from .council_editors import copy_group, load_council_staff, scope_root_permissions

CONTENT_FILE = Path(__file__).with_name("content.yaml")
# The second demo council, in the same format, with its own `council:` settings and `site:` (hostname, home slug).
FELLSIDE_FILE = Path(__file__).with_name("fellside.yaml")
# The demo address list (fictional Westmere addresses) and its collection rounds, wards and councillors, in the
# layout `manage.py load_addresses` reads (places/loading.py). WM4 6BR (Brook Road) is split between two
# rounds and two wards, so the address matters there.
ADDRESSES_FILE = Path(__file__).with_name("addresses.csv")
AREAS_FILE = Path(__file__).with_name("areas.yaml")
DIRECTORIES_FILE = Path(__file__).with_name("directories.yaml")
# Another council's address list and places are named in its content file, under `site:` (`addresses:`, `areas:`
# and `directories:`, files beside it): Fellside's are fellside-addresses.csv, fellside-areas.yaml (postcodes FL1 to
# FL4) and fellside-directories.yaml.
DEMO_DIR = Path(__file__).parent
# Forms that ask for an optional photo (or set `photo_upload: true` under a task's form in content.yaml).
PHOTO_UPLOAD_TASKS = {"/environment/report-fly-tipping/", "/housing/report-disrepair/"}

PAGE_TYPES = {
    "service_area": pages.ServiceAreaPage,
    "task": pages.TaskPage,
    "guide": pages.GuidePage,
    "step_by_step": pages.StepByStepPage,
    "signpost": pages.SignpostPage,
    "urgent": pages.UrgentPage,
    "contact": pages.ContactPage,
    "standard": pages.StandardPage,
}
DEFAULT_COUNCIL = {
    "name": "Westmere District Council",
    "short_name": "Westmere",
    "phone": "01632 960000",
    "out_of_hours_phone": "01632 960999",
    "email": "customer.services@example.org",
    "address": "Civic Centre, Market Street, Westmere, WM1 1AA",
    "opening_hours": "Monday to Friday, 9am to 5pm",
    "brand_colour": "teal",
    "reference_prefix": "WM",
    "email_from": "Westmere District Council <no-reply@example.org>",
    "privacy_page": "/privacy/",
    "cookies_page": "/cookies/",
}
# Settings that name a page of the council's own tree by its path.
PAGE_SETTINGS = ("privacy_page", "cookies_page")
# Settings a council loaded before they were there has at their defaults (the default council's bins).
BIN_SETTINGS = ("rubbish_bin", "recycling_bin", "garden_waste_bin", "food_waste_bin")


def load_content(path=CONTENT_FILE):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def stream_blocks(blocks):
    """content.yaml blocks -> StreamField raw data."""
    converted = []
    for block in blocks or []:
        kind = block["type"]
        if kind == "heading":
            converted.append(("heading", {"text": block["text"]}))
        elif kind == "paragraph":
            converted.append(("paragraph", block["html"]))
        elif kind in ("warning", "inset"):
            converted.append((kind, {"text": block["text"]}))
        elif kind == "details":
            converted.append(("details", {"summary": block["summary"], "content": block["html"]}))
        elif kind == "call_to_action":
            converted.append(
                ("call_to_action", {"text": block.get("text", ""), "label": block["label"], "url": block["url"]})
            )
        elif kind in ("bin_day_lookup", "councillor_finder"):  # task pages' tools: nothing to fill in
            converted.append((kind, None))
        elif kind == "contact":
            converted.append(("contact", {key: block.get(key, "") for key in ("title", "phone", "email", "hours")}))
        else:
            raise ValueError(f"Unknown block type {kind!r}")
    return converted


def page_fields(entry):
    """The plain (non-link) field values for a page entry."""
    values = {"title": entry["title"], "summary": entry.get("summary", ""), "body": stream_blocks(entry.get("body"))}
    for name in (
        "answer",
        "intro",
        "who_can_use",
        "cost",
        "time_taken",
        "kind",
        "organisation",
        "organisation_url",
        "urgent_message",
        "phone",
        "out_of_hours_phone",
        "email",
    ):
        if name in entry:
            values[name] = entry[name]
    if "keywords" in entry:
        values["search_keywords"] = entry["keywords"]
    if "what_you_need" in entry:
        values["what_you_need"] = "\n".join(entry["what_you_need"])
    if "chat" in entry:
        values.update(chat_fields(entry["chat"]))
    if entry["type"] == "contact":
        values["face_to_face"] = stream_blocks(entry.get("face_to_face"))
        del values["body"]
    return values


def chat_fields(chat):
    """A page's `chat:` entry: its stable key, on/off, the questions residents ask and their follow-ups."""
    values = {
        "chat_enabled": bool(chat.get("enabled", False)),
        "chat_questions": "\n".join(chat.get("questions", [])),
        "chat_follow_up_questions": "\n".join(chat.get("follow_up_questions", [])),
    }
    if chat.get("key"):
        validate_key(chat["key"])
        values["chat_key"] = chat["key"]
    return values


@dataclass
class LoadResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0


class PageLoader:
    """Loads the `pages:` of a content file (content.yaml's format) under the existing home page.

    Creates missing pages, with their chat questions; leaves existing ones alone unless `update`.
    Parents come before their children in the file. Used by `manage.py load_pages FILE.yaml`.
    """

    def __init__(self, content, update=False, result=None):
        self.content = content
        self.update = update
        self.result = result or LoadResult()
        self.to_publish = []  # (page id, entry, field values): links are set once every page exists
        self.home = None  # the home page of the council whose tree the pages go in

    @transaction.atomic
    def run(self, site=None):
        """Loads the pages under `site`'s home page (the default site's when not given)."""
        site = site or Site.objects.filter(is_default_site=True).first()
        self.home = pages.HomePage.objects.filter(pk=site.root_page_id).first() if site else None
        if self.home is None:
            raise ValueError("There is no home page to load pages under: load the demo council or make one first.")
        self.load_pages(self.home)
        return self.result

    def load_pages(self, home):
        for entry in self.content.get("pages") or []:
            self.load_page(home, entry)
        for page_id, entry, values in self.to_publish:
            # A fresh copy: the one in hand has a stale child count since its children were added.
            page = Page.objects.get(pk=page_id).specific
            fields = {f.name for f in type(page)._meta.get_fields()}
            for name, value in values.items():
                if name in fields:
                    setattr(page, name, value)
            self.set_links(page, entry)
            page.save_revision().publish()
        self.to_publish = []

    def find(self, path):
        """The page at `path` in this council's tree (never another council's page with the same address)."""
        home = self.home
        url_path = home.url_path + path.strip("/") + "/" if path != "/" else home.url_path
        return Page.objects.filter(url_path=url_path, path__startswith=home.path).specific().first()

    def load_page(self, home, entry):
        path = entry["path"]
        page = self.find(path)
        values = page_fields(entry)
        if page is None:
            parent_path = "/" + "/".join(path.strip("/").split("/")[:-1])
            parent = self.find(parent_path + "/" if parent_path != "/" else "/")
            if parent is None:
                raise ValueError(f"{path}: parent {parent_path} is not loaded yet (parents come first)")
            model = PAGE_TYPES[entry["type"]]
            fields = {f.name for f in model._meta.get_fields()}
            values = {name: value for name, value in values.items() if name in fields}
            page = parent.add_child(instance=model(slug=path.strip("/").split("/")[-1], **values))
            self.result.created.append(path)
            self.to_publish.append((page.pk, entry, {}))
            for part in entry.get("parts", []):
                part_page = page.add_child(
                    instance=pages.GuidePartPage(
                        title=part["title"],
                        slug=part["slug"],
                        summary=part.get("summary", entry.get("summary", "")),
                        body=stream_blocks(part["body"]),
                    )
                )
                self.to_publish.append((part_page.pk, part, {}))
            if entry.get("form"):
                form_page = page.add_child(instance=self.build_form(entry))
                self.to_publish.append((form_page.pk, self.form_links(entry), {}))
        elif self.update:
            self.result.updated.append(path)
            self.to_publish.append((page.pk, entry, values))
            form_page = pages.TaskFormPage.objects.child_of(page).first()
            if entry.get("form") and form_page is not None:
                self.to_publish.append((form_page.pk, self.form_links(entry), self.form_values(entry)))
        else:
            self.result.unchanged += 1

    def build_form(self, entry):
        values = self.form_values(entry)
        children = {name: values.pop(name) for name in ("form_fields", "prices")}
        form_page = pages.TaskFormPage(
            title=entry["title"],
            slug="start",
            to_address=self.content.get("council", {}).get("email") or "customer.services@example.org",
            from_address="no-reply@example.org",
            subject=f"New online form: {entry['title']}",
            **values,
        )
        for name, items in children.items():
            setattr(form_page, name, items)
        return form_page

    @staticmethod
    def form_values(entry):
        """A task's `form:` entry: its words, its questions and its price table (`prices:`)."""
        form = entry["form"]
        prices = form.get("prices") or {}
        concession = prices.get("concession") or {}
        values = {
            "intro": form.get("intro", ""),
            "thank_you_text": form.get("thank_you", ""),
            "photo_upload": form.get("photo_upload", entry["path"] in PHOTO_UPLOAD_TASKS),
            "concession_wording": concession.get("wording", ""),
            "concession_answer": concession.get("answer", ""),
            "price_note": prices.get("note", ""),
            "form_fields": [
                pages.TaskFormField(
                    sort_order=i,
                    label=field["label"],
                    field_type=field["type"],
                    required=field.get("required", False),
                    choices="\n".join(field.get("choices", [])),
                    help_text=field.get("help_text", ""),
                    validation=field.get("validation", "none"),
                    price_role=field.get("price", ""),
                    feedback_role=field.get("feedback", ""),
                    role=field.get("role") or obvious_role(field["type"], field.get("validation", "none")),
                )
                for i, field in enumerate(form["fields"])
            ],
            "prices": [
                pages.PriceRow(
                    sort_order=i,
                    option=row["option"],
                    price=Decimal(str(row["price"])),
                    concession_price=None if row.get("concession") is None else Decimal(str(row["concession"])),
                    per=row.get("per", ""),
                    each=row.get("each", False),
                    most=row.get("most"),
                )
                for i, row in enumerate(prices.get("rows", []))
            ],
        }
        for name in ("service_standard", "working_days", "signposts"):
            if name in form:
                values[name] = form[name]
        return values

    @staticmethod
    def form_links(entry):
        """What a task's form links to, set once every page exists: the services a "tell us once" form tells."""
        return {"services": entry["form"]["services"]} if entry["form"].get("services") else {}

    def set_links(self, page, entry):
        if "services" in entry:
            page.services_to_tell = [
                pages.ServiceToTell(
                    sort_order=i,
                    label=service["label"],
                    task_title=service["title"],
                    service_form=pages.TaskFormPage.objects.child_of(self.find(service["form"])).get(),
                    only_when="\n".join(service.get("only_when", [])),
                    service_standard=service.get("service_standard", ""),
                    working_days=service.get("working_days"),
                )
                for i, service in enumerate(entry["services"])
            ]
        if isinstance(page, pages.HomePage):
            page.top_tasks = [("task", self.find(path)) for path in entry.get("top_tasks", [])]
        if "related" in entry:
            page.related_pages = [("page", self.find(path)) for path in entry["related"] if self.find(path)]
        if "steps" in entry:
            page.steps = [
                (
                    "step",
                    {
                        "title": step["title"],
                        "text": step.get("text", ""),
                        "links": [self.find(path) for path in step.get("links", [])],
                    },
                )
                for step in entry["steps"]
            ]


SHARED_TEAM = "Shared customer service"


class CouncilLoader(PageLoader):
    """One demo council: its home page, the pages of its content file, its Wagtail Site and its settings.

    The default council (Westmere) answers on any host the other sites do not claim, so localhost and 127.0.0.1
    stay as they were; another council's file names its own hostname and its home page's slug under `site:`.
    """

    def __init__(self, content, update=False, hostname="localhost", port=8000, default=True, result=None):
        super().__init__(content, update=update, result=result)
        site = content.get("site") or {}
        self.default = default
        self.hostname = site.get("hostname", hostname)
        self.port = port
        self.home_slug = site.get("home_slug", "home")
        self.settings_values = {**DEFAULT_COUNCIL, **content.get("council", {})} if default else content["council"]

    def run(self):
        self.home = self.load_home()
        site = self.site = self.load_site(self.home)  # first: a page's council is read from the sites' roots
        self.load_pages(self.home)
        self.load_settings(site)
        self.load_casework_teams()
        return self.result

    def existing_home(self):
        if self.default:
            site = Site.objects.filter(is_default_site=True).first()
            home = pages.HomePage.objects.filter(pk=site.root_page_id).first() if site else None
            return home or pages.HomePage.objects.filter(slug=self.home_slug, depth=2).first()
        return pages.HomePage.objects.filter(slug=self.home_slug, depth=2).first()

    def load_home(self):
        entry = self.content["home"]
        home = self.existing_home()
        if home is None:
            root = Page.get_first_root_node() or self.create_root()
            if self.default:
                # Wagtail's "Welcome" page holds the slug and the default site: replace it.
                for placeholder in root.get_children().exact_type(Page):
                    placeholder.delete()
                root = Page.get_first_root_node()
            home = root.add_child(
                instance=pages.HomePage(title=entry.get("title", "Home"), slug=self.home_slug, summary=entry["intro"])
            )
            self.result.created.append(self.label("/"))
        elif self.update:
            self.result.updated.append(self.label("/"))
        else:
            self.result.unchanged += 1
            return home
        values = {"intro": entry["intro"], "summary": entry.get("summary", entry["intro"])}
        self.to_publish.append((home.pk, entry, values))
        return home

    def label(self, path):
        return path if self.default else f"{self.hostname}{path}"

    @staticmethod
    def create_root():
        """Wagtail's migrations make the root page; a flushed database (browser tests) has none."""
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        return Page.add_root(instance=Page(title="Root", slug="root"))

    def load_site(self, home):
        if self.default:
            site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        else:
            site = Site.objects.filter(root_page=home).first() or Site.objects.filter(
                hostname=self.hostname, port=self.port
            ).first() or Site(is_default_site=False)
        site.root_page, site.hostname, site.port = home, self.hostname, self.port
        site.site_name = self.settings_values["name"]
        site.save()
        return site

    def load_settings(self, site):
        council = CouncilSettings.for_site(site)
        if not council.phone or self.update:
            for name, value in self.settings_values.items():
                setattr(council, name, self.find(value) if name in PAGE_SETTINGS else value)
            council.full_clean()
            council.save()
        else:  # an installation from before these settings: its footer pages and its bins, from the file
            missing = {
                name: self.find(self.settings_values[name])
                for name in PAGE_SETTINGS
                if getattr(council, f"{name}_id") is None and name in self.settings_values
            }
            missing = {name: page for name, page in missing.items() if page is not None}
            missing.update(self.bins_still_default(council))
            if missing:
                for name, value in missing.items():
                    setattr(council, name, value)
                council.save()
        alert = AlertBanner.for_site(site)  # created switched off, ready for editors
        if "alert" in self.content and (alert.pk is None or not alert.title or self.update):
            for name, value in self.content["alert"].items():
                setattr(alert, name, value)
            alert.save()

    def bins_still_default(self, council):
        """The file's bins, for those the council still has the defaults of (the default council's names)."""
        defaults = {name: CouncilSettings._meta.get_field(name).default for name in BIN_SETTINGS}
        return {
            name: value
            for name, value in self.settings_values.items()
            if name in BIN_SETTINGS and getattr(council, name) == defaults[name] and value != defaults[name]
        }

    def load_casework_teams(self):
        """Each service area's requests are handled by its own team ("Caseworkers: Bins and recycling"; another
        council's are named after it: "Fellside caseworkers: Bins and recycling"); Customer service handles every
        area (casework's migration 0003). casework.access.requests_for() reads them."""
        council = self.settings_values.get("short_name") or self.hostname
        team = "Caseworkers" if self.default else f"{council} caseworkers"
        for area in pages.ServiceAreaPage.objects.child_of(self.home):
            group = set_up_team(f"{team}: {area.title}", area)
            if not self.default:
                CouncilTeam.objects.get_or_create(group=group, site=self.site)
        if not self.default:
            # The council's own customer service: Westmere's group's permissions, for this council alone.
            group = copy_group(f"{council} customer service", "Customer service")
            CouncilTeam.objects.get_or_create(group=group, site=self.site)
            # Its own editors, moderators and service owners, on its own pages (council_editors.py).
            load_council_staff(council, self.site)


class DemoCouncilLoader:
    """Both demo councils: Westmere (the default site, with its address list and the places of "Find a ...") and
    Fellside (fellside.localhost, with its own address list and places). `content` replaces Westmere's file;
    `councils=False` loads Westmere alone."""

    def __init__(self, content=None, update=False, hostname="localhost", port=8000, councils=True):
        self.update, self.hostname, self.port = update, hostname, port
        self.content = content or load_content()
        self.others = [load_content(FELLSIDE_FILE)] if councils else []
        self.result = LoadResult()

    @transaction.atomic
    def run(self):
        # Wagtail keeps the sites' root paths in the cache; a database emptied without signals (a test's flush, a
        # restored dump) leaves them pointing at sites that are gone, and a page's council is read from them.
        Site.clear_site_root_paths_cache()
        CouncilLoader(self.content, self.update, self.hostname, self.port, default=True, result=self.result).run()
        self.load_addresses()
        self.load_directories()
        for content in self.others:
            council = CouncilLoader(content, self.update, self.hostname, self.port, default=False, result=self.result)
            council.run()
            self.load_council_addresses(content, council.site)
            self.load_council_directories(content, council.site)
        if self.others:
            self.load_shared_team()
            scope_root_permissions()  # each council's staff on their own council's pages
        return self.result

    @staticmethod
    def load_shared_team():
        """One customer-service team for every partner council (a joint committee's): Customer service's
        permissions, working for each council on the installation."""
        group = copy_group(SHARED_TEAM, "Customer service")
        for site in Site.objects.all():
            CouncilTeam.objects.get_or_create(group=group, site=site)

    def load_addresses(self):
        """The demo address list, through the same loader as `manage.py load_addresses` (only what is missing,
        unless updating)."""
        address_list.load(ADDRESSES_FILE, AREAS_FILE, update=self.update)

    def load_council_addresses(self, content, site):
        """Another council's own address list (its `site:` names the files), loaded as that council's."""
        names = content.get("site") or {}
        files = [DEMO_DIR / names[key] if names.get(key) else None for key in ("addresses", "areas")]
        if any(files):
            address_list.load(*files, update=self.update, site=site)

    def load_council_directories(self, content, site):
        """Another council's places of "Find a ..." (its `site:` names the file), loaded as that council's."""
        name = (content.get("site") or {}).get("directories")
        if name:
            self.load_directories(DEMO_DIR / name, site)

    def load_directories(self, path=DIRECTORIES_FILE, site=None):
        """A council's places of "Find a ..." (directories; `site`: whose, the default council's when None): created
        when missing, rewritten when updating. A place is found by its council, name and kind, so two councils may
        each have a Market Place car park."""
        for entry in yaml.safe_load(path.read_text())["places"]:
            place, created = Place.objects.get_or_create(
                site=stored_site(site), name=entry["name"], kind=entry["kind"],
                defaults={"address": entry["address"], "postcode": entry["postcode"],
                          "latitude": entry["latitude"], "longitude": entry["longitude"]},
            )
            if not (created or self.update):
                continue
            for name in ("address", "postcode", "latitude", "longitude", "description", "phone"):
                setattr(place, name, entry.get(name, ""))
            place.save()
            place.facilities.set([Facility.objects.get_or_create(name=name)[0] for name in entry.get("facilities", [])])
            place.save()
            place.hours.all().delete()
            for line in entry.get("hours", []):
                day, times = line.split(" ")
                opens, closes = times.split("-")
                OpeningHours.objects.create(place=place, weekday=WEEKDAYS.index(day), opens=opens, closes=closes)
