"""The council's search vocabulary (edited in the admin) and the anonymous query log behind the reports."""
import re
import uuid

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from .text import normalise

SPLIT_EQUIVALENTS = re.compile(r"[\n,/;]+")


class Synonym(models.Model):
    """A word residents use and the words our pages use for the same thing. Works in both directions."""

    term = models.CharField(
        max_length=100,
        help_text="What residents type, for example: tip. Letters, numbers and spaces only; case does not matter.",
    )
    equivalents = models.TextField(
        help_text=(
            "Words our pages use for the same thing, one per line (or separated by commas or slashes), "
            "for example: household waste recycling centre."
        )
    )
    live = models.BooleanField(default=True, help_text="Untick to stop using this synonym without deleting it.")
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="council",
        help_text="Only on this council's website and assistant. Leave empty for every council on this installation.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("equivalents"), FieldPanel("site"), FieldPanel("live")]

    class Meta:
        ordering = ["term"]
        verbose_name = "search synonym"
        constraints = [
            models.UniqueConstraint(
                fields=["term"], condition=models.Q(site__isnull=True), name="search_synonym_term_every_council",
                violation_error_message="There is already a synonym for these words for every council.",
            ),
            models.UniqueConstraint(
                fields=["term", "site"], condition=models.Q(site__isnull=False), name="search_synonym_term_council",
                violation_error_message="This council already has a synonym for these words.",
            ),
        ]

    def __str__(self):
        return f"{self.term} = {' / '.join(self.equivalent_list())}"

    def save(self, *args, **kwargs):
        self.term = normalise(self.term)
        self.equivalents = "\n".join(self.equivalent_list())
        super().save(*args, **kwargs)

    @classmethod
    def for_site(cls, site):
        """The live synonyms a council's searches and assistant use: its own, and every council's for terms it has
        none of its own for."""
        live = cls.objects.filter(live=True)
        if site is None:
            return live.filter(site=None)
        own = live.filter(site=site)
        return own | live.filter(site=None).exclude(term__in=own.values("term"))

    @property
    def council(self):
        return self.site.site_name or self.site.hostname if self.site else "Every council"

    def same_as(self):
        """The equivalents in words, for the admin list."""
        return ", ".join(self.equivalent_list())

    same_as.short_description = "Same as"

    def equivalent_list(self):
        seen, result = {self.term}, []
        for part in SPLIT_EQUIVALENTS.split(self.equivalents or ""):
            phrase = normalise(part)
            if phrase and phrase not in seen:
                seen.add(phrase)
                result.append(phrase)
        return result

    def group(self):
        """The term and its equivalents: any one of them in a query stands for all the others."""
        return [self.term, *self.equivalent_list()]


class SearchBackendName(models.TextChoices):
    DATABASE = "database", "Database"
    OPENSEARCH = "opensearch", "OpenSearch"
    ELASTICSEARCH = "elasticsearch", "Elasticsearch"
    FALLBACK = "database_fallback", "Database (search server unavailable)"


class SearchSource(models.TextChoices):
    SITE = "site", "Website search"
    API = "api", "Chat assistant"


class SearchQueryLog(models.Model):
    """One search. No IP address, no user, no session: only the redacted, normalised words and what happened."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    query = models.CharField(max_length=255, db_index=True, help_text="Lower case, personal data redacted.")
    corrected_query = models.CharField(max_length=255, blank=True)
    result_count = models.PositiveIntegerField(default=0)
    # "zebra crossing paint colour" found the pages about colour and paint: results, but not for that search
    some_words_only = models.BooleanField(
        default=False, verbose_name="only some of the words found",
        help_text="No page had every word searched for: the results had some of them.",
    )
    backend = models.CharField(max_length=20, choices=SearchBackendName.choices, default=SearchBackendName.DATABASE)
    source = models.CharField(max_length=10, choices=SearchSource.choices, default=SearchSource.SITE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Which council's website or assistant was searched: reports and learned clicks are per council.
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="council"
    )
    clicked_url = models.CharField(max_length=255, blank=True)
    clicked_position = models.PositiveSmallIntegerField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "search query"
        verbose_name_plural = "search query log"
        permissions = [("view_search_reports", "Can view search reports")]

    def __str__(self):
        return f"{self.query} ({self.result_count})"


class PromotionCouncil(models.Model):
    """The council a best bet that links outside the site is for: Wagtail's promoted search results have no site. A
    page best bet needs none, as it shows only where its page is; with no council here, a link shows on every
    council's site."""

    promotion = models.OneToOneField(
        "wagtailsearchpromotions.SearchPromotion", on_delete=models.CASCADE, related_name="council",
        limit_choices_to={"page__isnull": True}, verbose_name="best bet",
        help_text="A promoted search result that links outside the site (Settings > Promoted search results).",
    )
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="council",
        help_text="Only on this council's website. Leave empty for every council on this installation.",
    )

    panels = [FieldPanel("promotion"), FieldPanel("site")]

    class Meta:
        verbose_name = "best bet's council"
        verbose_name_plural = "best bets' councils"

    def __str__(self):
        return f"{self.promotion}: {self.council}"

    @property
    def council(self):
        return self.site.site_name or self.site.hostname if self.site else "Every council"
