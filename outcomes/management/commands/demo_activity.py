"""`manage.py demo_activity`: a few months of realistic activity on the demo council, made through the real models
and services (requests sent through the intake, their statuses changed as staff do, chats counted as the chat proxy
counts them, feedback recorded as the page's form records it, searches logged as the search page logs them, campaign
links followed), then dated back across the weeks, so the outcomes dashboard tells a story: more requests online,
the assistant handling more alone, standards met more often, and campaigns bringing people in.

Demo only: every resident in it is made up (example.org addresses, 07700 900xxx numbers). Run it once on a demo
database: running it again adds as much again."""
import random
from datetime import timedelta

from campaigns.models import CampaignLink, CampaignVisit
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from assistant import conversations
from assistant.models import CallbackRequest, ChatConversation, HandoffRequest
from casework.intake.flow import Intake
from casework.intake.submit import submit
from casework.models import ASSISTED_CHANNELS, Channel, Status, StatusChange, Submission
from casework.status import change_status
from cms_pages.models import TaskFormPage, TaskPage
from feedback.models import PageFeedback
from feedback.services import record_page_feedback
from kit.working_days import add_working_days
from search.models import SearchQueryLog

FORMS = [
    "report-a-missed-bin", "order-a-bin", "bulky-waste", "report-fly-tipping", "report-noise", "pay-a-parking-fine"
]
SEARCHES = ["bin day", "council tax", "parking permit", "fly tipping", "bulky waste", "planning", "pot hole",
            "wheelie bin", "recycling centre", "council tax band", "blue badge", "skip licence"]
EMPTY_SEARCHES = ["bin amnesty", "allotment waiting list", "dog licence"]
PAGES = ["/bins-and-recycling/report-a-missed-bin/", "/council-tax/", "/parking-and-roads/parking-permits/",
         "/bins-and-recycling/bin-collection-day/", "/housing/"]


class Command(BaseCommand):
    help = "Make a few months of demo activity (requests, chats, feedback, searches, campaigns) for the dashboard."

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=16)
        parser.add_argument("--seed", type=int, default=2027)

    def handle(self, weeks, seed, **options):
        self.random = random.Random(seed)
        today = timezone.localdate()
        self.monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
        self.links = self.campaign_links()
        # Made-up residents get no email: the outbox keeps them, as sent to nobody
        with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            counts = {"requests": 0, "chats": 0, "feedback": 0, "searches": 0, "visits": 0}
            for week in range(weeks):
                progress = week / max(weeks - 1, 1)  # 0 at the start, 1 this week: things get better
                counts["requests"] += self.requests(week, progress)
                counts["chats"] += self.chats(week, progress)
                counts["feedback"] += self.feedback(week, progress)
                counts["searches"] += self.searches(week, progress)
                counts["visits"] += self.campaign_visits(week, progress)
        self.stdout.write("Made " + ", ".join(f"{n} {what}" for what, n in counts.items()) + f" over {weeks} weeks.")

    def moment(self, week):
        day = self.monday + timedelta(weeks=week, days=self.random.randint(0, 4))
        moment = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
        return moment + timedelta(hours=self.random.randint(8, 18), minutes=self.random.randint(0, 59))

    def answers_for(self, page, n):
        """Answers to every question, made up and valid (example.org, 07700 900xxx, the demo address list)."""
        answers = {}
        for name, field in page.get_form_class().base_fields.items():
            kind = type(field).__name__
            choices = [value for value, _ in getattr(field, "choices", []) if value]
            if name == "photo":
                continue
            if choices:
                answers[name] = [choices[0]] if "Multiple" in kind else self.random.choice(choices)
            elif "Email" in kind:
                answers[name] = f"resident{n}@example.org"
            elif "Postcode" in kind:
                answers[name] = "WM1 1AA"
            elif "Phone" in kind:
                answers[name] = f"07700 900{n % 1000:03d}"
            elif "Date" in kind:
                day = timezone.localdate() - timedelta(days=3)
                answers[name] = [str(day.day), str(day.month), str(day.year)]  # as the day, month and year boxes
            elif "Decimal" in kind or "Integer" in kind or "Money" in kind or "Payment" in kind:
                answers[name] = 1 if "Integer" in kind else 70
            elif "Boolean" in kind:
                answers[name] = True
            else:
                answers[name] = "3 Market Street"
        return answers

    def requests(self, week, progress):
        made = 0
        for n in range(self.random.randint(14, 20)):
            page = self.form(self.random.choice(FORMS))
            if page is None:
                continue
            intake = Intake(page.form_definition(), self.answers_for(page, week * 100 + n))
            if not intake.is_complete:
                continue
            online = self.random.random() < 0.45 + 0.35 * progress  # channel shift
            channel = Channel.ONLINE if online else self.random.choice(ASSISTED_CHANNELS)[0]
            campaign = self.random.choice(self.links).name if online and self.random.random() < 0.15 else ""
            submission = submit(intake, channel=channel, campaign=campaign)
            sent = self.moment(week)
            due = add_working_days(sent.date(), submission.working_days) if submission.working_days else None
            Submission.objects.filter(pk=submission.pk).update(submit_time=sent, due_by=due)
            submission.due_by = due
            StatusChange.objects.filter(submission=submission).update(created_at=sent)
            self.finish(submission, sent, progress)
            made += 1
        return made

    def finish(self, submission, sent, progress):
        """Most requests are dealt with; more of them on time as the weeks go by."""
        promised = submission.working_days
        if not promised or self.random.random() < 0.15:
            return
        late = self.random.random() > 0.6 + 0.35 * progress
        days = promised + self.random.randint(1, 3) if late else self.random.randint(0, promised)
        finished = sent + (timezone.datetime.combine(add_working_days(sent.date(), days), sent.time()) -
                           timezone.datetime.combine(sent.date(), sent.time()))
        if finished > timezone.now():
            return
        change_status(submission, None, Status.DONE, "")
        StatusChange.objects.filter(submission=submission, status=Status.DONE).update(created_at=finished)

    def chats(self, week, progress):
        made = 0
        for n in range(self.random.randint(25, 35)):
            sender = f"demo-{week:03d}-{n:03d}-{self.random.randint(0, 10**6):06d}"
            campaign = self.random.choice(self.links).name if self.random.random() < 0.1 else ""
            for _ in range(self.random.randint(1, 4)):
                conversations.record_turn(sender, campaign=campaign)
            started = self.moment(week)
            if self.random.random() > 0.55 + 0.3 * progress:  # the assistant learns: fewer "not sure"
                conversations.record_fallback(sender)
            ChatConversation.objects.filter(sender_id=sender).update(
                started_at=started, last_message_at=started + timedelta(minutes=4)
            )
            if self.random.random() < 0.12 - 0.05 * progress:
                self.handoff(sender, started)
            made += 1
        return made

    def handoff(self, sender, started):
        handoff = HandoffRequest.objects.create(sender_id=sender, topic="report_missed_bin")
        wait = timedelta(minutes=self.random.randint(1, 12))
        HandoffRequest.objects.filter(pk=handoff.pk).update(
            created_at=started, claimed_at=started + wait, status=HandoffRequest.Status.CLOSED,
            closed_at=started + wait + timedelta(minutes=6), outcome=HandoffRequest.Outcome.ANSWERED,
        )
        if self.random.random() < 0.7:
            callback = CallbackRequest.objects.create(handoff=handoff, name="Demo resident", phone="07700 900123")
            done = started + timedelta(hours=self.random.choice([2, 3, 5, 20, 26, 52, 75]))
            CallbackRequest.objects.filter(pk=callback.pk).update(
                created_at=started, status=CallbackRequest.Status.DONE, done_at=done
            )

    def feedback(self, week, progress):
        made = 0
        for _ in range(self.random.randint(10, 16)):
            feedback = record_page_feedback(self.random.choice(PAGES), self.random.random() < 0.55 + 0.3 * progress)
            PageFeedback.objects.filter(pk=feedback.pk).update(created_at=self.moment(week))
            made += 1
        return made

    def searches(self, week, progress):
        made = 0
        for _ in range(self.random.randint(40, 60)):
            empty = self.random.random() < 0.18 - 0.12 * progress  # editors add synonyms for failed searches
            query = self.random.choice(EMPTY_SEARCHES if empty else SEARCHES)
            log = SearchQueryLog.objects.create(query=query, result_count=0 if empty else self.random.randint(1, 9))
            SearchQueryLog.objects.filter(pk=log.pk).update(created_at=self.moment(week))
            made += 1
        return made

    def campaign_visits(self, week, progress):
        made = 0
        for link in self.links:
            for _ in range(int(self.random.randint(2, 8) * (0.5 + progress))):
                visit = CampaignVisit.objects.create(link=link)
                CampaignVisit.objects.filter(pk=visit.pk).update(at=self.moment(week))
                made += 1
        return made

    def campaign_links(self):
        missed = TaskPage.objects.filter(url_path__endswith="/report-a-missed-bin/").first()
        garden = TaskPage.objects.filter(url_path__endswith="/garden-waste/").first()
        links = []
        for name, page, question, campaign, source, medium in [
            ("bin-poster", missed, "", "Missed bins spring 2027", "Bus stops", "poster"),
            ("garden-facebook", garden, "", "Garden waste renewals", "Facebook", "social"),
            ("bin-day-post", None, "when is my bin day", "Bin day reminders", "X (Twitter)", "social"),
        ]:
            link, _ = CampaignLink.objects.get_or_create(name=name, defaults={
                "page": page, "question": question, "campaign": campaign, "source": source, "medium": medium,
            })
            links.append(link)
        return links

    def form(self, slug):
        return TaskFormPage.objects.filter(url_path__endswith=f"/{slug}/start/").live().first()
