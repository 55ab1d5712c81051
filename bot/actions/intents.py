"""Which catalogue page answers which intent.

The answers themselves live in the CMS (one source of truth) and are fetched from
the web app's bot API at run time. This module only knows, for each intent, the
catalogue path of the task page (``../shared/content-catalogue.yaml``), plus the
title and kind so the bot can still give a useful link when the web API is down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional

START_NOW_KINDS = frozenset({"report", "apply", "pay", "book"})


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    kind: str

    @property
    def has_online_form(self) -> bool:
        return self.kind in START_NOW_KINDS


INTENT_PAGES: Dict[str, Page] = {
    # Bins and recycling
    "bin_collection_day": Page(
        "/bins-and-recycling/bin-collection-day/", "Find your bin collection day", "info"
    ),
    "report_missed_bin": Page(
        "/bins-and-recycling/report-a-missed-bin/", "Report a missed bin collection", "report"
    ),
    "order_bin": Page(
        "/bins-and-recycling/order-a-bin/", "Order a new or replacement bin", "apply"
    ),
    "garden_waste": Page("/bins-and-recycling/garden-waste/", "Garden waste collections", "pay"),
    "bulky_waste": Page(
        "/bins-and-recycling/bulky-waste/", "Book a bulky waste collection", "book"
    ),
    "recycling_centres": Page(
        "/bins-and-recycling/recycling-centres/", "Household waste recycling centres", "info"
    ),
    "what_goes_in_which_bin": Page(
        "/bins-and-recycling/what-goes-in-which-bin/", "What goes in which bin", "guide"
    ),
    # Council Tax
    "pay_council_tax": Page("/council-tax/pay/", "Pay your Council Tax", "pay"),
    "council_tax_bands": Page(
        "/council-tax/bands-and-charges/", "Council Tax bands and charges", "info"
    ),
    "single_person_discount": Page(
        "/council-tax/single-person-discount/", "Apply for a single person discount", "apply"
    ),
    "council_tax_moving_home": Page(
        "/council-tax/moving-home/", "Tell us you are moving home", "report"
    ),
    "council_tax_support": Page(
        "/council-tax/council-tax-support/", "Council Tax Support", "apply"
    ),
    "council_tax_direct_debit": Page(
        "/council-tax/direct-debit/", "Set up a Direct Debit", "apply"
    ),
    # Benefits and support
    "housing_benefit": Page(
        "/benefits-and-support/housing-benefit/", "Housing Benefit", "apply"
    ),
    "cost_of_living_help": Page(
        "/benefits-and-support/cost-of-living-help/", "Cost of living help", "guide"
    ),
    # Housing
    "homelessness": Page(
        "/housing/homelessness/", "Homeless or at risk of homelessness", "urgent"
    ),
    "housing_register": Page(
        "/housing/housing-register/", "Apply to join the housing register", "apply"
    ),
    "report_disrepair": Page(
        "/housing/report-disrepair/", "Report disrepair in a rented home", "report"
    ),
    "disabled_facilities_grant": Page(
        "/housing/disabled-facilities-grant/", "Disabled facilities grant", "apply"
    ),
    # Planning and building control
    "planning_permission": Page(
        "/planning-and-building/do-i-need-planning-permission/",
        "Do you need planning permission?",
        "info",
    ),
    "extend_your_home": Page(
        "/planning-and-building/extend-your-home/",
        "Extend your home: step by step",
        "step_by_step",
    ),
    "search_planning_applications": Page(
        "/planning-and-building/search-applications/", "Search planning applications", "info"
    ),
    "comment_on_planning_application": Page(
        "/planning-and-building/comment-on-an-application/",
        "Comment on a planning application",
        "report",
    ),
    "report_planning_breach": Page(
        "/planning-and-building/report-a-breach/", "Report a planning breach", "report"
    ),
    # Parking and roads
    "pay_parking_fine": Page(
        "/parking-and-roads/pay-a-parking-fine/", "Pay or challenge a parking fine", "pay"
    ),
    "parking_permit": Page(
        "/parking-and-roads/parking-permits/", "Apply for a parking permit", "apply"
    ),
    "car_parks": Page("/parking-and-roads/car-parks/", "Car parks and charges", "info"),
    "report_pothole": Page(
        "/parking-and-roads/report-a-pothole/", "Report a pothole or road problem", "signpost"
    ),
    # Environment and community
    "report_fly_tipping": Page(
        "/environment/report-fly-tipping/", "Report fly-tipping", "report"
    ),
    "report_noise": Page("/environment/report-noise/", "Report a noise problem", "report"),
    "report_dog_fouling": Page(
        "/environment/report-dog-fouling/", "Report dog fouling", "report"
    ),
    # Business
    "business_rates": Page("/business/business-rates/", "Business rates", "pay"),
    "business_grants": Page(
        "/business/business-grants/", "Apply for a business grant", "apply"
    ),
    "licences": Page("/business/licences/", "Licences and permits", "apply"),
    "register_food_business": Page(
        "/business/register-a-food-business/", "Register a food business", "apply"
    ),
    "start_food_business": Page(
        "/business/start-a-food-business/",
        "Start a food business: step by step",
        "step_by_step",
    ),
    # Your council
    "find_councillor": Page(
        "/council-and-democracy/find-your-councillor/", "Find your councillor", "info"
    ),
    "register_to_vote": Page(
        "/council-and-democracy/register-to-vote/", "Register to vote", "signpost"
    ),
    "service_standards": Page(
        "/council-and-democracy/our-service-standards/", "What you can expect from us", "info"
    ),
    # Contact us
    "opening_hours": Page(
        "/contact-us/opening-hours/", "Opening hours and visiting the Civic Centre", "info"
    ),
    "complaint": Page(
        "/contact-us/comments-compliments-complaints/",
        "Comments, compliments and complaints",
        "report",
    ),
    # Journeys (life events across service areas)
    "moving_to_westmere": Page(
        "/moving-to-westmere/", "Moving to Westmere: step by step", "step_by_step"
    ),
}

# Page the bin collection day form links to.
BIN_DAY_PAGE = INTENT_PAGES["bin_collection_day"]
CONTACT_PATH = "/contact-us/"
SEARCH_PATH = "/search/"


def page_for_intent(intent: Optional[str]) -> Optional[Page]:
    """The catalogue page for an intent, or None if the intent is not a task."""
    if not intent:
        return None
    return INTENT_PAGES.get(intent)
