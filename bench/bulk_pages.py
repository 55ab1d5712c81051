"""Many live pages in bulk, in minutes rather than hours: for benchmarks and for trying the site at scale.

`add_children(parent, model, fields_list)` writes the pages under one parent as Wagtail's `add_child` would
(a valid treebeard tree: materialised `path` with steps of 4 base-36 characters, `depth`, the parent's
`numchild`; `url_path`, locale, content type, published dates, `translation_key`) but with one bulk insert
of the `wagtailcore_page` rows and one of the page type's own rows, instead of a few queries per page and
a save each (826 s per 10,000 pages). Nothing is indexed, no revisions or log entries are written and no
signals are sent: run `manage.py update_index` afterwards.

`generate(count)` adds `count` pages of a made-up council's long tail (bench/council_long_tail.py) under
the demo council's service areas and a few more. From a shell:

    python bench/bulk_pages.py --pages 10000          # into the database DATABASE_URL names (or db.sqlite3)
"""

import argparse
import os
import random
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BATCH = 2000  # rows per INSERT batch: well under SQLite's and PostgreSQL's parameter limits for these tables


def unique_slug(title, taken):
    from django.utils.text import slugify

    base = slugify(title)[:60].strip("-") or "page"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def add_children(parent, model, fields_list, *, now=None):
    """Publish pages of `model` (a concrete Page subclass) under `parent`, one dict of field values each
    (title required; slug made from it when missing, unique among the parent's children). Returns the pages."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    if not fields_list:
        return []
    now = now or timezone.now()
    parent = Page.objects.get(pk=parent.pk)  # fresh numchild and path
    last = parent.get_last_child()
    next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    taken = set(parent.get_children().values_list("slug", flat=True))
    content_type = ContentType.objects.get_for_model(model)
    page_fields = {field.attname for field in Page._meta.concrete_fields}
    own_fields = [field for field in model._meta.local_concrete_fields]

    pages = []
    for offset, fields in enumerate(fields_list):
        fields = dict(fields)
        slug = fields.pop("slug", None) or unique_slug(fields["title"], taken)
        page = model(
            path=Page._get_path(parent.path, parent.depth + 1, next_step + offset),
            depth=parent.depth + 1,
            numchild=0,
            slug=slug,
            url_path=f"{parent.url_path}{slug}/",
            draft_title=fields["title"],
            content_type=content_type,
            locale_id=parent.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            **fields,
        )
        pages.append(page)

    with transaction.atomic():
        # The parent table first (its ids come back from the insert), then the page type's own rows.
        rows = [Page(**{name: getattr(page, name) for name in page_fields if name != "id"}) for page in pages]
        Page.objects.bulk_create(rows, batch_size=BATCH)
        for page, row in zip(pages, rows, strict=True):
            page.pk = page.page_ptr_id = row.pk
            page._state.adding = False
        # Django's bulk_create refuses multi-table inheritance; its insert of the model's own columns doesn't.
        for start in range(0, len(pages), BATCH):
            model._base_manager._insert(pages[start : start + BATCH], fields=own_fields, using=connection.alias)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def ensure_areas(home, areas):
    """The service areas [(slug, title, summary)] under the home page, made if missing: {slug: page}."""
    from cms_pages.models import ServiceAreaPage

    existing = {page.slug: page for page in ServiceAreaPage.objects.child_of(home)}
    missing = [{"slug": slug, "title": title, "summary": summary, "intro": summary}
               for slug, title, summary in areas if slug not in existing]
    for page in add_children(home, ServiceAreaPage, missing):
        existing[page.slug] = page
    return existing


def generate(count, seed=7, home=None):
    """Add `count` long-tail task pages under the service areas of `home` (the default site's home page when not
    given). Returns {area slug: pages added}."""
    from wagtail.models import Site

    from bench.council_long_tail import EXTRA_AREAS, LongTail
    from cms_pages.models import TaskPage

    home = home or Site.objects.get(is_default_site=True).root_page
    areas = ensure_areas(home, EXTRA_AREAS)
    long_tail = LongTail(seed)
    by_area = {}
    for _ in range(count):
        slug, fields = long_tail.page()
        by_area.setdefault(slug if slug in areas else "news-and-notices", []).append(fields)
    rng = random.Random(seed)
    for slug, fields_list in by_area.items():
        link_related(add_children(areas[slug], TaskPage, fields_list), rng)
    return {slug: len(fields_list) for slug, fields_list in by_area.items()}


def link_related(pages, rng, most=3):
    """Give the pages 'related pages' links to others among them, as editors do, and record the links in
    Wagtail's reference index (what `rebuild_references_index` would find). Some pages are linked to far
    more than others, like a real site's hubs, so the long tail has popular pages too."""
    from wagtail.models import Page, ReferenceIndex

    if len(pages) < 2:
        return
    model = type(pages[0])
    page_type, base_type = (content_type_for(model), content_type_for(Page))
    references, changed = [], []
    for page in pages:
        targets = {pages[int(len(pages) * rng.random() ** 2)].pk for _ in range(rng.randint(0, most))}
        targets.discard(page.pk)
        if not targets:
            continue
        blocks = [(str(uuid.uuid4()), target) for target in sorted(targets)]
        page.related_pages = [{"type": "page", "value": target, "id": block_id} for block_id, target in blocks]
        changed.append(page)
        for block_id, target in blocks:
            content_path = f"related_pages.{block_id}"
            references.append(ReferenceIndex(
                content_type=page_type, base_content_type=base_type, object_id=str(page.pk),
                to_content_type=base_type, to_object_id=str(target), model_path="related_pages.page",
                content_path=content_path, content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            ))
    model.objects.bulk_update(changed, ["related_pages"], batch_size=BATCH // 2)
    ReferenceIndex.objects.bulk_create(references, batch_size=BATCH)


def content_type_for(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.path[:0] = [str(REPO), str(REPO / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "customer_connect.settings.dev")
    import django

    django.setup()
    start = time.perf_counter()
    added = generate(args.pages, args.seed)
    print(f"Added {sum(added.values()):,} pages in {time.perf_counter() - start:.1f} s; run manage.py update_index")


if __name__ == "__main__":
    main()
