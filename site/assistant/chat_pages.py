"""What the chat assistant knows about a page: its answer, the questions residents ask, on/off, a stable key;
and the pages it answers.

ChatAnswerMixin is the "Chat" panel of the page types the assistant may answer: cms_pages' page types inherit
it (they sit above this app), and chat_page_models() finds them among Wagtail's page models.

The key names the page's intent in the bot (``manage.py export_assistant_data``) and is how the action
server asks for the answer (``/api/bot/answer/?key=...``). It is made once, from the slug, when an
editor first switches the page on for chat, and never changes after that: moving or renaming the page
keeps it, so the trained assistant keeps answering with the page's new URL.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import get_page_models

from sitewide.councils import council_root_path
from sitewide.pages import site_path

from .chat_keys import is_chat_key

MIN_QUESTIONS = 10
LIST_MARKER = re.compile(r"^\s*(?:[-*•]\s+)?")


def question_lines(text):
    """The editor's questions, one a line; list markers and blank lines dropped."""
    return [LIST_MARKER.sub("", line).strip() for line in (text or "").splitlines() if line.strip(" -*•\t")]


def normalise(question):
    """Two questions are the same if they differ only in case, spacing or the punctuation around them."""
    return " ".join(question.lower().split()).strip(" ?!.,;:'\"")


def chat_page_models():
    return [model for model in get_page_models() if issubclass(model, ChatAnswerMixin) and not model._meta.abstract]


def other_chat_pages(exclude_pk=None, fields=("title", "url_path", "chat_key", "chat_questions"), under=None):
    """(field values) of every other page with chat questions or a key, in any state (a key is never reused), of
    one council's tree when `under` (its home page's tree path) is given."""
    for model in chat_page_models():
        pages = model.objects.exclude(chat_questions="", chat_key="")
        if under:
            pages = pages.filter(path__startswith=under)
        yield from (pages.exclude(pk=exclude_pk) if exclude_pk else pages).values_list(*fields, named=True)


def council_tree(page):
    """The tree path of the home page of the page's council, or None while the page is not in the tree yet. Read
    from the tree path, which a new page has before its url_path (so while it is first cleaned and saved)."""
    return council_root_path(page.path) if page.path else None


def key_from_slug(slug, taken):
    base = re.sub(r"[^a-z0-9]+", "_", slug.lower()).strip("_") or "page"
    base = ("page_" + base if not base[0].isalpha() else base)[:52]
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class ChatAnswerMixin(models.Model):
    """The "Chat" panel of the pages the assistant may answer."""

    answer = models.TextField(
        "Chat answer",
        blank=True,
        help_text=(
            "A one or two sentence answer the chat assistant gives. Plain text, no links: the assistant adds them."
        ),
    )
    chat_questions = models.TextField(
        "Questions residents ask",
        blank=True,
        help_text=(
            f"One question a line, in residents' own words (typos and short forms too): at least {MIN_QUESTIONS} "
            "before the assistant can answer this page. A question can belong to one page only."
        ),
    )
    chat_follow_up_questions = models.TextField(
        "Follow-up questions residents ask",
        blank=True,
        help_text=(
            "Optional. Questions residents ask next, once the assistant has answered with this page, that make sense "
            "only after it (for example 'how do I sign up?' or 'can my visitor get one?'), one a line. The "
            "assistant reads them, with the page's title, summary, keywords and body, to answer follow-ups with "
            "this page or its related pages. No retraining needed."
        ),
    )
    chat_enabled = models.BooleanField(
        "The assistant answers this page",
        default=False,
        help_text="The assistant learns the questions at its next update, then answers them with this page.",
    )
    chat_key = models.CharField(
        "Chat key",
        max_length=60,
        blank=True,
        db_index=True,
        help_text="Made when the page is first switched on for chat; it stays the same when the page moves.",
    )

    # A copy is a new page: its own key when switched on, and no questions (they belong to the original).
    exclude_fields_in_copy = ["chat_key", "chat_enabled", "chat_questions", "chat_follow_up_questions"]
    chat_kind = ""  # what the assistant says this page is: info, report, guide, signpost, urgent, ...

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.assign_chat_key()
        return super().save(*args, **kwargs)

    @property
    def chat_answer(self):
        """What the assistant says: the chat answer, or the page summary if there is none."""
        return (self.answer or self.summary or "").strip()

    def get_chat_questions(self):
        return question_lines(self.chat_questions)

    def get_chat_follow_up_questions(self):
        return question_lines(self.chat_follow_up_questions)

    def get_chat_start_page(self):
        """The online form the assistant links as "Start now", if any."""
        return None

    def get_chat_signpost(self):
        """{"organisation", "url"} when another organisation does this, else None."""
        return None

    def clean(self):
        super().clean()
        errors = {}
        questions = self.get_chat_questions()
        problem = self.question_problem(questions)
        if problem:
            errors["chat_questions"] = problem
        shared = self.other_councils_questions() if self.chat_enabled and len(questions) < MIN_QUESTIONS else 0
        if self.chat_enabled and len(questions) + shared < MIN_QUESTIONS:
            errors["chat_enabled"] = (
                f"Add at least {MIN_QUESTIONS} questions residents ask before the assistant answers this page "
                f"(there {'is' if len(questions) == 1 else 'are'} {len(questions)})."
            )
        if errors:
            raise ValidationError(errors)
        self.assign_chat_key()

    def question_problem(self, questions):
        """A message naming the page a question already belongs to, or a question asked twice here."""
        mine = {}
        for question in questions:
            if normalise(question) in mine:
                return f"“{question}” is in the list twice."
            mine[normalise(question)] = question
        if not mine:
            return None
        home = council_tree(self)
        key = self.chat_key or key_from_slug(self.slug or self.title, set())
        for page in other_chat_pages(exclude_pk=self.pk, fields=("title", "url_path", "chat_key", "chat_questions",
                                                                  "path")):
            if page.chat_key == key and home and not page.path.startswith(home):
                continue  # another council's page for the same service: one intent, their questions together
            clashes = [mine[normalise(q)] for q in question_lines(page.chat_questions) if normalise(q) in mine]
            if clashes:
                return (
                    f"“{clashes[0]}” already belongs to the page “{page.title}” ({site_path(page.url_path)}). "
                    "A question can teach the assistant about one page only: change it or remove it."
                )
        return None

    def other_councils_questions(self):
        """How many questions other councils' pages for the same service (the same key) teach its intent: the
        export merges them, so a council's page for a service the assistant already knows needs few of its own."""
        home = council_tree(self)
        key = self.chat_key or key_from_slug(self.slug or self.title, set())
        if not home:
            return 0
        return sum(
            len(question_lines(page.chat_questions))
            for page in other_chat_pages(exclude_pk=self.pk, fields=("chat_key", "chat_questions", "chat_enabled",
                                                                      "path"))
            if page.chat_key == key and page.chat_enabled and not page.path.startswith(home)
        )

    def assign_chat_key(self):
        """Made from the slug once the page is in a council's tree: unique in that council, and the same key as
        another council's page at the same slug, so one intent answers the service for every council."""
        if self.chat_enabled and not self.chat_key and self.path:  # not before it is in the tree: save() does it
            home = council_tree(self)  # None: in no council's tree, so unique among all pages
            taken = {page.chat_key for page in other_chat_pages(exclude_pk=self.pk, fields=("chat_key",), under=home)}
            self.chat_key = key_from_slug(self.slug or self.title, taken)


chat_panel = MultiFieldPanel(
    [
        FieldPanel("answer"),
        FieldPanel("chat_questions"),
        FieldPanel("chat_follow_up_questions"),
        FieldPanel("chat_enabled"),
        FieldPanel("chat_key", read_only=True),
    ],
    heading="Chat",
    help_text=(
        "What the chat assistant says about this page, and the questions that lead residents to it. Asked about one "
        "thing on the page ('do you empty it in winter?'), the assistant quotes the page's sentence that says it: "
        "write each sentence so it makes sense on its own."
    ),
)


def validate_key(key):
    if not is_chat_key(key):
        raise ValidationError(f"{key!r} is not a chat key: lower-case letters, digits and _, starting with a letter.")


def add_question_as_draft(page, question, user):
    """Teach the assistant: the question joins the page's questions in a new draft, for the page's usual review.

    Raises ValidationError (with the editor's message) if the question belongs to another page.
    Returns the new revision, or None if the page already has the question.
    """
    question = " ".join(question.split())
    draft = page.get_latest_revision_as_object()
    questions = draft.get_chat_questions()
    if not question or normalise(question) in {normalise(q) for q in questions}:
        return None
    problem = draft.question_problem(questions + [question])
    if problem:
        raise ValidationError(problem)
    draft.chat_questions = "\n".join(questions + [question])
    return draft.save_revision(user=user, log_action=True)


def chat_pages(site=None):
    """The live, public pages the assistant answers, in tree order (of one site if given)."""
    found = []
    for model in chat_page_models():
        pages = model.objects.live().public().filter(chat_enabled=True).exclude(chat_key="")
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        found.extend(pages)
    return sorted(found, key=lambda page: page.path)


def chat_page_for_key(key, site=None):
    """The live, public page the assistant answers with the key (of one site if given), or None."""
    for model in chat_page_models():
        pages = model.objects.live().public().filter(chat_enabled=True, chat_key=key)
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        page = pages.first()
        if page is not None:
            return page
    return None


def chat_page_title(key):
    """The title of the page with the chat key, in any state (a key is never reused), or None: a handoff's topic
    names the page the assistant answered with, and the live chat console shows its title."""
    for model in chat_page_models():
        title = model.objects.filter(chat_key=key).values_list("title", flat=True).first()
        if title:
            return title
    return None
