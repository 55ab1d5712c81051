"""A service's price table: what the service page says it costs, the priced answers on its form, and the charge,
all written from the same rows, so that what a page says is what a resident is charged.

A row is an option (its price, its concession price, if any, and the words after the price: "a year"); a row
"for each one" is multiplied by the answer to the form's "How many" question. Whether the concession price
applies is the resident's answer to the form's concession question. Editors keep the rows on the online form
(cms_pages.TaskFormPage); this module knows nothing of pages or forms.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.backends.base.operations import BaseDatabaseOperations

# Amounts are kept in pence in a PositiveIntegerField (Submission.amount_pence, Payment.amount_pence)
LARGEST_PAYMENT = Decimal(BaseDatabaseOperations.integer_field_ranges["PositiveIntegerField"][1]) / 100
SMALLEST_PAYMENT = Decimal("0.01")


def pounds(pence):
    """GOV.UK style: £52, £22.50, £1,250 (no '.00')."""
    whole, part = divmod(int(pence), 100)
    return f"£{whole:,}" + (f".{part:02d}" if part else "")


def to_pence(amount):
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def lower_first(text):
    """'Each brown bin' -> 'each brown bin', but 'PCN' stays as it is."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


@dataclass(frozen=True)
class Price:
    option: str
    pence: int
    concession_pence: int | None = None
    per: str = ""  # words after the price: "a year", "a day"
    each: bool = False  # the price of one: multiplied by the answer to "How many"
    most: int | None = None  # the most a resident can ask for at once

    def amount(self, concession=False, times=1):
        pence = self.concession_pence if concession and self.concession_pence is not None else self.pence
        return pence * times


@dataclass(frozen=True)
class PriceTable:
    prices: tuple = ()
    concession: str = ""  # as the page says it: "if you get Council Tax Support"
    concession_answer: str = ""  # the answer to the concession question that gives the concession price
    note: str = ""  # words after the prices on the page, with no prices in them

    def __bool__(self):
        return bool(self.prices)

    def price_of(self, option):
        return next((price for price in self.prices if price.option == option), None)

    def money(self, pence, per=""):
        if not pence:
            return "free"
        return f"{pounds(pence)} {per}".strip()

    def concession_words(self, price, times=1):
        """'£80 if you get Council Tax Support', or '' when the concession does not change this price."""
        if price.concession_pence is None or price.concession_pence == price.pence or not self.concession:
            return ""
        return f"{self.money(price.amount(True, times))} {self.concession}"

    def label(self, price, times=1, name=None):
        """An answer on the form: '2 bins: £104 a year (£80 if you get Council Tax Support)'."""
        text = f"{name or price.option}: {self.money(price.amount(False, times), price.per)}"
        concession = self.concession_words(price, times)
        return f"{text} ({concession})" if concession else text

    def quantity_label(self, answer, times):
        """An answer to "How many" ('2 bins'), with its price when one row is sold for each one."""
        each = [price for price in self.prices if price.each]
        return self.label(each[0], times, name=answer) if len(each) == 1 and times else answer

    def cost_lines(self):
        """What the service page says under Cost, one line a row."""
        if len(self.prices) == 1 and self.prices[0].each:
            price = self.prices[0]
            line = f"{self.money(price.pence, price.per)} for {lower_first(price.option)}"
            line = line[0].upper() + line[1:]
        else:
            line = None
        lines = []
        for price in self.prices:
            text = line or f"{price.option}: {self.money(price.pence, price.per)}"
            concession = self.concession_words(price)
            lines.append(f"{text}, or {concession}." if concession else f"{text}.")
        return lines

    def cost_text(self):
        return " ".join([*self.cost_lines(), *([self.note] if self.note else [])])

    def chosen(self, options):
        """The rows of the chosen options; with no question about them (None), the table's only row."""
        if options is None:
            return list(self.prices) if len(self.prices) == 1 else []
        return [price for price in map(self.price_of, options) if price]

    def charge(self, options, times=None, concession=False):
        """In pence: the chosen options, each 'for each one' row times the answer to How many."""
        return sum(price.amount(concession, (times or 1) if price.each else 1) for price in self.chosen(options))
