"""The dashboard as a spreadsheet (Export CSV): one row per item the dashboard lists, under named columns.

Every row fills the columns it names; the rest stay empty. The council column is filled only for someone who works
for several councils (an item's council, as the dashboard labels it). Cells are made safe for spreadsheets
(kit.spreadsheets).
"""

import csv

from kit.spreadsheets import safe_cell

# The columns, in order, with their headings.
COLUMNS = {
    "section": "section",
    "area": "service area",
    "item": "item",
    "page": "page",
    "yes": "yes",
    "no": "no",
    "percent": "useful %",
    "count": "count",
    "date": "date",
    "dealt_with": "dealt with",
    "council": "council",
}


def yesno(value):
    return "yes" if value else "no"


def yes_no_rows(section, areas, dealt_with):
    """Yes/No answers per page; `dealt_with` when the section's pages can be marked as dealt with."""
    for area, rows in areas:
        for row in rows:
            yield {
                "section": section,
                "area": area,
                "page": row["path"],
                "yes": row["yes"],
                "no": row["no"],
                "percent": row["percent"],
                "count": row["total"],
                "date": row["last"].isoformat(),
                "dealt_with": yesno(not row["open"]) if dealt_with else "",
                "council": row["council"],
            }


def containment_row(chat):
    return {
        "section": "Chat containment",
        "item": "ended without a fallback or a handoff",
        "yes": chat["contained"],
        "no": chat["ended"] - chat["contained"],
        "percent": chat["percent"],
        "count": chat["ended"],
    }


def comment_rows(areas):
    for area, items in areas:
        for item in items:
            yield {
                "section": "What they were trying to do",
                "area": area,
                "item": item.trying_to_do,
                "page": item.path,
                "count": 1,
                "date": item.created_at.isoformat(),
                "dealt_with": yesno(item.dealt_with),
                "council": item.council,
            }


def service_comment_rows(areas):
    for area, items in areas:
        for item in items:
            yield {
                "section": item.get_category_display(),
                "area": area,
                "item": item.text,
                "count": 1,
                "date": item.created_at.isoformat(),
                "dealt_with": yesno(item.dealt_with),
                "council": item.council,
            }


def unanswered_rows(areas):
    for area, items in areas:
        for item in items:
            yield {
                "section": "Chat question not answered",
                "area": area,
                "item": item.text,
                "page": item.filed_under_path if item.answered_with else item.page_url,
                "count": item.times,
                "date": item.created_at.isoformat(),
                "dealt_with": yesno(item.dealt_with),
                "council": item.council,
            }


def search_rows(searches):
    if searches is None:  # no app logs searches
        return
    for row in searches["no_results"]:
        yield {
            "section": "Search with no results" if not row["some_words"] else "Search that found some of its words",
            "item": row["query"],
            "count": row["searches"],
            "date": row["last"].isoformat(),
            "dealt_with": yesno(row["dealt_with"]),
            "council": row["council"],
        }
    for row in searches["top"]:
        yield {
            "section": "Top search",
            "item": row["query"],
            "count": row["searches"],
            "date": row["last"].isoformat(),
            "council": row["council"],
        }


def rows(dashboard):
    """Every row of the dashboard (a queries.Dashboard), section by section as the dashboard shows them."""
    yield from yes_no_rows("Page usefulness", dashboard.usefulness(), dealt_with=True)
    yield from yes_no_rows("Chat answer helped", dashboard.chat_helpfulness(), dealt_with=False)
    yield containment_row(dashboard.containment())
    yield from comment_rows(dashboard.comments())
    yield from service_comment_rows(dashboard.service_comments())
    yield from unanswered_rows(dashboard.unanswered())
    yield from search_rows(dashboard.searches())


def write_csv(dashboard, out):
    """The headings, then every row, to `out` (a file or an HttpResponse); a row with a key that is no column
    raises ValueError."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
    writer.writerow(COLUMNS)
    for row in rows(dashboard):
        writer.writerow({column: safe_cell("" if value is None else str(value)) for column, value in row.items()})
