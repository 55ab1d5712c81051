"""The bin day lookup and the councillor finder on their pages: plain GET forms (no JavaScript needed, every step
bookmarkable), GOV.UK errors with what was typed kept, from the address list the assistant uses too."""
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from cms_pages.lookups import in_words
from cms_pages.models import TaskPage
from places.bins import next_collections
from places.models import Address
from tests.conftest import westmere

pytestmark = pytest.mark.django_db
BINS = "/bins-and-recycling/bin-collection-day/"
COUNCILLORS = "/council-and-democracy/find-your-councillor/"


def text(response):
    """The page, spaces squeezed and the headings' '#' links (sitewide/anchors.py) left out."""
    assert response.status_code == 200
    html = re.sub(r' <a class="wm-heading-anchor".*?</a>', "", response.content.decode())
    return unescape(re.sub(r"\s+", " ", html))


def uprn(line_1, postcode):
    return Address.objects.get(line_1=line_1, postcode=postcode).uprn


def summary_list(html):
    """{key: value} of the collections' summary list rows, tags removed."""
    html = re.search(r"<dl class=\"govuk-summary-list\" data-collections>(.*?)</dl>", html).group(1)
    rows = re.findall(r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value[^"]*">'
                      r"(.*?)</dd>", html)
    return {key.strip(): re.sub(r"<[^>]+>", "", value).strip() for key, value in rows}


def test_the_bin_day_page_has_the_postcode_box_its_words_promise(site_client):
    html = text(site_client.get(BINS))
    assert "Enter your postcode. Then pick your address from the list." in html
    form = re.search(r'<form method="get" action="([^"]*)" novalidate>(.*?)</form>', html).groups()
    assert form[0] == BINS + "#lookup"
    assert '<label class="govuk-label govuk-label--s" for="lookup-postcode">Postcode</label>' in form[1]
    assert 'id="lookup-postcode-hint" class="govuk-hint">For example, WM1 1AA' in form[1]
    assert re.search(r'<input [^>]*id="lookup-postcode" name="postcode" type="text" autocomplete="postal-code"',
                     form[1])
    assert "Find bin days</button>" in form[1]
    assert "govuk-error-summary" not in html and not html.count("<title>Error:")


def test_a_postcode_lists_the_addresses_there_in_street_order(site_client):
    html = text(site_client.get(BINS, {"postcode": " wm1 1aa"}))
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Select your address</legend>' in html
    assert '<input type="hidden" name="postcode" value="WM1 1AA">' in html
    labels = re.findall(r'<label class="govuk-label govuk-radios__label" for="lookup-uprn[-0-9]*">(.*?)</label>', html)
    assert labels == ["1 Market Street", "3 Market Street", "5 Market Street", "7 Market Street",
                      "Flat 1, 9 Market Street", "Flat 2, 9 Market Street", "Flat 3, 9 Market Street",
                      "Flat 4, 9 Market Street"]
    assert f'name="uprn" type="radio" value="{uprn("1 Market Street", "WM1 1AA")}"' in html
    assert "Show bin days</button>" in html and "My address is not listed" in html


def test_picking_an_address_shows_the_next_collection_of_each_bin_in_words(site_client):
    address = Address.objects.get(line_1="Flat 2", postcode="WM1 1AA")
    html = text(site_client.get(BINS, {"postcode": "WM1 1AA", "uprn": address.uprn}))
    assert "Your bin collection days</h2>" in html
    assert "Flat 2, 9 Market Street, Westmere, WM1 1AA" in html
    assert "Your bins are collected on <strong>Wednesdays</strong>" in html
    today = timezone.localdate()
    rows = summary_list(html)
    expected = {c.bin: in_words(c.next_date, today) for c in next_collections(address.collection_round, today)}
    assert set(rows) == {"Rubbish (green bin)", "Recycling (blue bin)", "Garden waste (brown bin)",
                         "Food waste (caddy)"}
    for bin_, when in expected.items():
        assert rows[bin_].startswith(when + ", then every"), (bin_, rows[bin_])
        assert re.match(r"Wednesday \d{1,2} [A-Z][a-z]+", when)
    assert rows["Food waste (caddy)"].endswith("then every week")
    assert rows["Garden waste (brown bin)"].endswith("if you pay for garden waste collections")
    # The same answer from the UPRN alone: a bookmark
    assert summary_list(text(site_client.get(BINS, {"uprn": address.uprn}))) == rows


def test_the_split_postcode_gives_two_addresses_two_different_days(site_client):
    odd = text(site_client.get(BINS, {"postcode": "WM4 6BR", "uprn": uprn("1 Brook Road", "WM4 6BR")}))
    even = text(site_client.get(BINS, {"postcode": "WM4 6BR", "uprn": uprn("2 Brook Road", "WM4 6BR")}))
    assert "collected on <strong>Tuesdays</strong>" in odd and "collected on <strong>Thursdays</strong>" in even
    assert summary_list(odd)["Food waste (caddy)"].startswith("Tuesday")
    assert summary_list(even)["Food waste (caddy)"].startswith("Thursday")


@pytest.mark.parametrize("typed,message", [
    ("", "Enter your postcode"),
    ("not a postcode", "Enter a real postcode, like WM1 1AA"),
    ("SW1A 1AA", "Enter a postcode in the Westmere District Council area"),
    ("wm9 9zz", "We cannot find any addresses at WM9 9ZZ. Check the postcode and try again"),
])
def test_a_wrong_postcode_gets_a_govuk_error_with_what_was_typed_kept(site_client, typed, message):
    html = text(site_client.get(BINS, {"postcode": typed}))
    assert "<title>Error: Find your bin collection day" in html
    assert f'<li><a href="#lookup-postcode">{message}</a></li>' in html  # the error summary
    assert f'<p id="lookup-postcode-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:' \
           f'</span> {message}</p>' in html
    assert re.search(r'class="govuk-input govuk-input--width-10 govuk-input--error" id="lookup-postcode" '
                     rf'[^>]*value="{re.escape(typed)}" aria-describedby="lookup-postcode-hint lookup-postcode-error"',
                     html)


def test_no_address_picked_asks_for_one(site_client):
    for query in ({"postcode": "WM1 1AA", "step": "address"}, {"postcode": "WM1 1AA", "uprn": ""}):
        html = text(site_client.get(BINS, query))  # radios send nothing when none is picked; a select sends ""
        assert "<title>Error:" in html and '<li><a href="#lookup-uprn">Select your address</a></li>' in html
        assert 'name="uprn" type="radio"' in html
    stale = text(site_client.get(BINS, {"uprn": "999999999999"}))
    assert "The address in the link you followed is not on our list" in stale and 'id="lookup-postcode"' in stale


def test_the_page_cache_never_answers_a_lookup_with_another_postcode(site_client):
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        assert site_client.get(BINS)["X-Page-Cache"] == "miss"
        assert site_client.get(BINS)["X-Page-Cache"] == "hit"
        first = site_client.get(BINS, {"postcode": "WM1 1AA"})
        second = site_client.get(BINS, {"postcode": "WM3 2BX"})
        again = site_client.get(BINS, {"postcode": "WM1 1AA"})
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in second and "X-Page-Cache" not in again
        assert "1 Market Street" in text(first) and "Bexley Avenue" not in text(first)
        assert "1 Bexley Avenue" in text(second) and "1 Market Street" not in text(second)
        assert "1 Market Street" in text(again)
        assert 'id="lookup-postcode"' in text(site_client.get(BINS))  # the plain page is still the plain page
    cache.clear()


def test_the_councillor_finder_goes_straight_to_the_ward_when_the_postcode_is_in_one(site_client):
    html = text(site_client.get(COUNCILLORS))
    assert "Enter your postcode to find your ward" in html and 'id="lookup-postcode"' in html
    assert "Find councillors</button>" in html

    html = text(site_client.get(COUNCILLORS, {"postcode": "wm3 2bx"}))
    assert "Your ward is Northgate</h2>" in html and "WM3 2BX is in Northgate ward." in html
    assert 'name="uprn"' not in html  # no need to ask for the address
    for name, email, phone in (("Amina Begum", "cllr.amina.begum@example.org", "01632 960401"),
                               ("Tom Fletcher", "cllr.tom.fletcher@example.org", "01632 960402")):
        assert f'<h3 class="govuk-heading-s" id="{name.lower().replace(" ", "-")}">{name}</h3>' in html
        assert f'<a class="govuk-link" href="mailto:{email}">{email}</a>' in html
        assert f'<a class="govuk-link" href="tel:{phone.replace(" ", "")}">{phone}</a>' in html
    assert "First Saturday of the month, 10am to 12pm, Northgate Library" in html


def test_the_councillor_finder_asks_for_the_address_on_a_ward_boundary(site_client):
    html = text(site_client.get(COUNCILLORS, {"postcode": "WM4 6BR"}))
    assert "WM4 6BR is in more than one ward, so we need your address." in html
    assert 'name="uprn" type="radio"' in html and "Find councillors</button>" in html
    odd = text(site_client.get(COUNCILLORS, {"postcode": "WM4 6BR", "uprn": uprn("1 Brook Road", "WM4 6BR")}))
    even = text(site_client.get(COUNCILLORS, {"postcode": "WM4 6BR", "uprn": uprn("2 Brook Road", "WM4 6BR")}))
    assert "Your ward is Eastbrook</h2>" in odd and "Sarah Whitfield" in odd and "Karen Singh" not in odd
    assert "Your ward is Southfields</h2>" in even and "Karen Singh" in even and "Sarah Whitfield" not in even
    wrong = text(site_client.get(COUNCILLORS, {"postcode": "SW1A 1AA"}))
    assert "<title>Error:" in wrong and 'value="SW1A 1AA"' in wrong


def test_editors_place_the_tools_as_blocks_on_a_task_page(site_client):
    page = TaskPage.objects.get(**westmere(BINS))
    assert [block.block_type for block in page.body].count("bin_day_lookup") == 1
    choices = TaskPage.body.field.stream_block.child_blocks
    assert choices["bin_day_lookup"].label == "Bin day lookup"
    assert choices["councillor_finder"].label == "Councillor finder"

    other = TaskPage.objects.get(**westmere("/council-tax/pay/"))
    assert 'id="lookup-postcode"' not in text(site_client.get("/council-tax/pay/"))
    other.body = list(other.body.raw_data) + [{"type": "councillor_finder", "value": None}]
    other.save_revision().publish()
    html = text(site_client.get("/council-tax/pay/", {"postcode": "WM7 9QP"}))
    assert "Your ward is Westmere Green</h2>" in html


def test_the_page_editor_offers_the_tools_and_opens_with_one_placed(admin_client):
    page = TaskPage.objects.get(**westmere(BINS))
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Bin day lookup" in html and "Councillor finder" in html
    assert "Nothing to fill in: the addresses and rounds come from the address list" in html
