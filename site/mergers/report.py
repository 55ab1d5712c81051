"""The merger's plan as plain text: what moves, what clashes and which page stays, where each old address and chat
key leads, and the requests whose form is retired. The same text for a dry run and for the merger itself."""
from casework.models import Submission
from sitewide.councils import council_for_site, council_name

from .chat_keys import key_moves
from .plan import ALONG, KEEP_OLD, MOVE, RETIRE, is_form, relative, takes_services


def pages(count):
    return f"{count} page" if count == 1 else f"{count} pages"


def council_label(site):
    return f"{council_name(council_for_site(site))} ({site.hostname})"


def form_of(page):
    """The form residents send requests with on `page`: itself, or its form beneath it (a task's start page)."""
    if page is None or is_form(page):
        return page
    return next((child for child in page.get_children().specific() if is_form(child)), None)


def retired_forms(plan):
    """[(a form that retires, the form of the page that replaces it, or None)]."""
    found = []
    for entry in plan.entries:
        if entry.action == RETIRE and is_form(entry.page):
            found.append((entry.page, form_of(entry.target)))
        elif entry.action == KEEP_OLD:  # the new council's page and what is beneath it give way to the old page's
            served = {relative(page, entry.page): page for page in entry.page.get_descendants(inclusive=True)}
            for page in entry.clash_with.get_descendants(inclusive=True).specific():
                if is_form(page):
                    found.append((page, form_of(served.get(relative(page, entry.clash_with), entry.page).specific)))
    return found


def requests_moving(plan):
    """[(retired form page, the form its requests go to or None, [references])] for every form that retires."""
    found = []
    for retired, to in retired_forms(plan):
        references = list(Submission.objects.filter(page=retired).order_by("reference")
                          .values_list("reference", flat=True))
        if references:
            found.append((retired, to, references))
    return found


def choice_words(entry, plan):
    if entry.action == MOVE:
        return (f"move ({entry.chosen_by}): the old page moves to {entry.new_path}; the key stays "
                f"{relative(entry.clash_with, plan.new_home)}'s, with the old page's questions")
    if entry.action == KEEP_OLD:
        return (f"keep-old ({entry.chosen_by}): the old page moves to {entry.new_path}; the new council's "
                f"{relative(entry.clash_with, plan.new_home)} is retired and sends residents to it")
    if entry.target.pk == getattr(entry.clash_with, "pk", None):
        return f"keep-new ({entry.chosen_by}): the old page is retired and sends residents to {entry.new_path}"
    return f"{entry.new_path} ({entry.chosen_by}): the old page is retired and sends residents there"


def clash_words(entry, plan):
    what = {"address": "the same address", "form": "the same form"}.get(entry.clash, f"the same {entry.clash}")
    return f"{what} as the new council's {relative(entry.clash_with, plan.new_home)}"


def write_report(plan, dry_run):
    """Written before any change: a merger reads the plan's pages as they were."""
    old, new = council_label(plan.old_site), council_label(plan.new_site)
    lines = [f"Merging {old} into {new}"]
    lines.append("DRY RUN: nothing has been changed." if dry_run else "Merging now: the changes below.")
    moving = [entry for entry in plan.entries if entry.action in (MOVE, KEEP_OLD)]
    along = [entry for entry in plan.entries if entry.action == ALONG]
    lines += ["", f"Moves into {plan.new_site.hostname} ({pages(len(moving))}, {len(along)} more beneath them):"]
    for entry in moving:
        beneath = sum(1 for other in along if other.page.path.startswith(entry.page.path))
        lines.append(f"  {entry.path} -> {entry.new_path}" + (f" (with {beneath} beneath)" if beneath else ""))
    clashes = plan.clashes()
    lines += ["", f"Clashes ({len(clashes)}; the choice, then who made it):"]
    for entry in clashes:
        lines.append(f"  {entry.path}: {clash_words(entry, plan)}")
        lines.append(f"      {choice_words(entry, plan)}")
    retired = [entry for entry in plan.entries if entry.action == RETIRE and not entry.clash]
    if retired:
        lines += ["", "Retired with their page (a form or part of a retired page):"]
        lines += [f"  {entry.path} -> {entry.new_path}" for entry in retired]
    notes = [entry for entry in along if entry.key_note]
    if notes:
        lines += ["", "Chat keys the new council already uses elsewhere:"]
        lines += [f"  {entry.path}: {entry.key_note}" for entry in notes]
    keys = key_moves(plan)
    lines += ["", f"Chat keys ({len(keys)}):"] + ([f"  {move.line()}" for move in keys] or ["  none"])
    requests = requests_moving(plan)
    if requests:
        lines += ["", "Requests of retired forms (their references and tracking links stay as they are):"]
        for form, to, references in requests:
            where = f"now under {relative(to, plan.new_home)}" if to else "stay with the retired form (no form)"
            lines.append(f"  {len(references)} of {relative(form, form.get_site().root_page)}: {where}: "
                         + ", ".join(references[:10]) + (" ..." if len(references) > 10 else ""))
    lines += [
        "",
        f"Old addresses: all {len(plan.entries)} of {plan.old_site.hostname}'s pages answer 301 with their new "
        f"address on {plan.new_site.hostname}; the old council's home page and the pages retired stay "
        "unpublished under it, with their history and requests.",
        "Then: the moved pages are re-indexed for search, the page cache is cleared, and an assistant update is "
        "queued (until it runs, the assistant answers the moved pages from their content).",
    ]
    if clashes:
        lines += ["", "To choose otherwise, give --mapping FILE with lines like these (keep-old, keep-new, a "
                      "path of the new council's, or move for a chat key clash: both pages stay):"]
        services = [entry for entry in clashes if not takes_services(entry.page) and not is_form(entry.page)]
        lines += [f"  {entry.path}: keep-old" for entry in services if entry.clash == "address"][:2]
        lines += [f"  {entry.path}: move" for entry in services if entry.clash.startswith("chat key")][:1]
    return "\n".join(lines) + "\n"
