"""Where each of the old council's chat keys goes: a key names one intent in the assistant, and a council's keys
are unique within it, so after the merger each key must be answered by one live page of the new council.

A moving page keeps its key. A retired page's key is its replacement's already (the same service, the same key:
one intent for every council), or is given to a replacement that has none, or becomes an alias: its questions join
the replacement's, whose own key answers them from the next assistant update. A moving page whose key the new
council already uses on another page gives its questions to that page and loses the key (so does the new council's
page a keep-old retires, to the old page that replaces it).
"""
from dataclasses import dataclass

from assistant.chat_pages import MIN_QUESTIONS, normalise, other_chat_pages, question_lines

from .plan import ALONG, KEEP_OLD, MOVE, relative

MOVES, SAME, GIVEN, ALIAS, DROPPED = "moves with its page", "the same key", "given to", "alias of", "dropped"


@dataclass
class KeyMove:
    key: str
    page: object  # the page that has the key now
    to: object  # the page that answers it after the merger
    to_path: str  # that page's address in the new council
    how: str
    whose: str = ""  # "the new council's retired page's" for the key of a page a keep-old retires

    def line(self):
        return f"{self.whose} {self.words()}".strip()

    def words(self):
        if self.how == MOVES:
            return f"{self.key} -> {self.to_path} (moves with its page)"
        if self.how == SAME:
            return f"{self.key} -> {self.to_path} (the same key: one intent already)"
        if self.how == DROPPED:
            return f"{self.key} -> {self.to_path} (dropped: that page is not one the assistant answers)"
        if self.how == GIVEN:
            return f"{self.key} -> {self.to_path} (given to that page, which had no key)"
        return f"{self.key} -> {self.to_path} (alias of {self.to.chat_key}: its questions join that page's)"


def how(key, to):
    if not hasattr(to, "get_chat_questions"):
        return DROPPED
    to_key = to.chat_key
    return SAME if to_key == key else GIVEN if not to_key else ALIAS


def key_moves(plan):
    moves = []
    for entry in plan.entries:
        key = getattr(entry.page, "chat_key", "")
        if entry.action == KEEP_OLD and getattr(entry.clash_with, "chat_key", ""):  # the new page it retires
            moves.append(KeyMove(entry.clash_with.chat_key, entry.clash_with, entry.page, entry.new_path,
                                 how(entry.clash_with.chat_key, entry.page), whose="the new council's retired page's"))
        if not key:
            continue
        if entry.action in (MOVE, KEEP_OLD, ALONG) and not entry.key_note:
            moves.append(KeyMove(key, entry.page, entry.page, entry.new_path, MOVES))
        else:
            to = entry.clash_with if entry.key_note else entry.target
            moves.append(KeyMove(key, entry.page, to, relative(to, plan.new_home), how(key, to)))
    return moves


def carry_out(move, new_home_path):
    """Give the key (or its questions) to the page that answers it; returns the pages changed (to re-index)."""
    if move.how in (MOVES, DROPPED):
        return []
    source = type(move.page).objects.get(pk=move.page.pk)
    target = type(move.to).objects.get(pk=move.to.pk)  # the live page, as it is now
    questions = joined_questions(source, target, new_home_path)
    # The questions leave the page that had them first: a question may teach one page only.
    source.chat_questions, source.chat_enabled = "", False
    if source.path.startswith(new_home_path):  # it stays in the new council's tree: so must the key's uniqueness
        source.chat_key = ""
    save(source)
    if move.how == GIVEN:
        target.chat_key = move.key
        target.chat_enabled = bool(move.page.chat_enabled) and len(questions) >= MIN_QUESTIONS
    target.chat_questions = "\n".join(questions)
    save(target)
    return [source, target]


CHAT_FIELDS = ("chat_key", "chat_enabled", "chat_questions")


def save(page):
    """A live page publishes its new chat fields; an editor's draft of it stays the latest, with them too."""
    if not page.live:
        page.save()
        return
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    page.save_revision(log_action=True).publish()
    if draft is not None:
        for name in CHAT_FIELDS:
            setattr(draft, name, getattr(page, name))
        draft.save_revision(log_action=True)


def joined_questions(source, target, new_home_path):
    """The target's questions, then the source's that no page of the new council already has (a question teaches
    one page only)."""
    mine = target.get_chat_questions()
    seen = {normalise(question) for question in mine}
    for page in other_chat_pages(exclude_pk=target.pk, under=new_home_path):
        if page.chat_key != source.chat_key or not source.chat_key:
            seen |= {normalise(question) for question in question_lines(page.chat_questions)}
    added = [q for q in source.get_chat_questions() if normalise(q) not in seen]
    return mine + added
