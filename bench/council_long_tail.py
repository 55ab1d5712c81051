"""The long tail of a real council's website, made up: what sits beside the few dozen pages residents want most.

Pure text, no Django: `LongTail(seed).page(number)` gives one page's fields. A council with 100,000 pages
is mostly notices (planning applications, road closures, licence applications, traffic orders), places
(libraries, halls, parks, car parks), news, meetings, consultations, fees and policies, and a task page for
each of many small services, often one per town. They share the words residents search with ("bin",
"parking", "council tax", "collection", "permit") in passing, which is what makes them hard to rank past.
"""

import random
from dataclasses import dataclass

PLACES = [
    "Northgate", "Eastbrook", "Old Town", "Southfields", "Riverside", "Westmere Green", "Ashby Marsh",
    "Millbrook", "Kingsmead", "Stonebridge", "Fairfield", "Hollins Cross", "Upper Wexley", "Lower Wexley",
    "Brampton Heath", "Cold Ashby", "Thornbury", "Oakhurst", "Wren End", "Castle Hill", "Priory Park",
    "St Anne's", "Moorside", "Heathcote", "Little Marston", "Great Marston", "Ferrybridge", "Elmstead",
]  # fmt: skip
STREETS = [
    "Market Street", "Mill Lane", "Church Road", "Station Road", "High Street", "Quarry Lane", "Brook Road",
    "Hollow Lane", "Victoria Avenue", "Albert Road", "Park Crescent", "The Green", "Chapel Street",
    "School Lane", "Orchard Close", "Meadow Way", "Kings Road", "Queens Drive", "Bridge Street", "Abbey Road",
    "Westfield Road", "North Street", "South Parade", "London Road", "Forge Lane", "Willow Walk", "Beech Grove",
    "Canal Side", "Railway Terrace", "Windmill Hill", "Cemetery Road", "Gas Lane", "Tannery Lane", "Pound Lane",
]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip

# Service areas the long tail lives in: (slug, title, summary). The demo council's own areas are used too.
EXTRA_AREAS = [
    ("licensing", "Licensing", "Licences for taxis, alcohol, entertainment, animals, street trading and more."),
    ("parks-and-open-spaces", "Parks and open spaces", "Parks, playgrounds, allotments, sports pitches and trees."),
    ("libraries-and-culture", "Libraries and culture", "Libraries, museums, arts and events across the district."),
    ("roads-and-transport", "Roads and transport", "Road works, closures, traffic orders, buses and street lights."),
    ("births-deaths-and-marriages", "Births, deaths and marriages", "Register a birth or death, ceremonies, "
     "certificates, cemeteries and the crematorium."),
    ("environmental-health", "Environmental health", "Food safety, pests, pollution, noise and public health."),
    ("elections-and-democracy", "Elections and democracy", "Voting, councillors, meetings, decisions and petitions."),
    ("leisure-and-sport", "Leisure and sport", "Leisure centres, pools, gyms, clubs and activities."),
    ("community-and-safety", "Community and safety", "Community grants, halls, safety, CCTV and volunteering."),
    ("news-and-notices", "News and public notices", "Council news, public notices, consultations and meetings."),
    ("jobs-and-careers", "Jobs and careers", "Work for the council, apprenticeships and volunteering."),
]

# Small services: (area slug, the thing, words its pages use). Verbs say what residents do with it.
SERVICES = [
    ("licensing", "taxi driver licence", "hackney carriage private hire driver badge knowledge test DBS medical"),
    ("licensing", "private hire vehicle licence", "vehicle plate MOT inspection operator booking"),
    ("licensing", "premises licence", "alcohol late night refreshment regulated entertainment designated supervisor"),
    ("licensing", "personal licence", "alcohol sale qualification designated premises supervisor"),
    ("licensing", "temporary event notice", "alcohol event party festival fete licensable activities"),
    ("licensing", "street trading consent", "stall pitch trader market food van hot food"),
    ("licensing", "pavement licence", "tables chairs cafe outside seating highway"),
    ("licensing", "scrap metal dealer licence", "collector site metal dealer"),
    ("licensing", "dog breeding licence", "puppies breeder animal welfare inspection"),
    ("licensing", "animal boarding licence", "kennels cattery home boarding day care dogs cats"),
    ("licensing", "gambling premises licence", "betting shop bingo arcade gaming machines"),
    ("licensing", "house to house collection licence", "charity collecting door to door"),
    ("licensing", "skin piercing registration", "tattoo piercing acupuncture electrolysis hygiene"),
    ("licensing", "caravan site licence", "caravan park residential holiday site conditions"),
    ("licensing", "small society lottery registration", "raffle lottery tickets charity"),
    ("roads-and-transport", "skip permit", "skip on the road hire company lights cones"),
    ("roads-and-transport", "scaffolding licence", "scaffold hoarding pavement builder"),
    ("roads-and-transport", "dropped kerb", "vehicle crossing driveway footway kerb"),
    ("roads-and-transport", "parking suspension", "suspend bays removals van wedding funeral"),
    ("roads-and-transport", "disabled parking bay", "blue badge bay outside home"),
    ("roads-and-transport", "resident parking zone", "permit zone controlled parking consultation"),
    ("roads-and-transport", "street light fault", "lamp post light out flickering column"),
    ("roads-and-transport", "gritting", "grit bins winter ice snow salting routes"),
    ("roads-and-transport", "bus pass", "concessionary travel older person disabled person"),
    ("roads-and-transport", "school crossing patrol", "lollipop crossing children"),
    ("parks-and-open-spaces", "allotment", "plot waiting list rent tenancy shed water"),
    ("parks-and-open-spaces", "sports pitch booking", "football cricket rugby pitch changing rooms season"),
    ("parks-and-open-spaces", "park event booking", "event in a park fun run funfair circus"),
    ("parks-and-open-spaces", "memorial bench", "bench plaque tree dedication"),
    ("parks-and-open-spaces", "tree preservation order", "protected tree works consent"),
    ("parks-and-open-spaces", "council tree", "tree overhanging fallen branch pruning"),
    ("parks-and-open-spaces", "playground", "play area equipment broken swings"),
    ("libraries-and-culture", "library membership", "join the library card borrow books ebooks"),
    ("libraries-and-culture", "library computer", "book a computer printing wifi scanning"),
    ("libraries-and-culture", "museum visit", "exhibition collection school visits"),
    ("libraries-and-culture", "room hire at a library", "meeting room community group"),
    ("libraries-and-culture", "local history archive", "family history records maps photographs"),
    ("births-deaths-and-marriages", "birth registration", "register a birth baby appointment certificate"),
    ("births-deaths-and-marriages", "death registration", "register a death medical certificate appointment"),
    ("births-deaths-and-marriages", "wedding ceremony", "marriage civil partnership venue registrar"),
    ("births-deaths-and-marriages", "citizenship ceremony", "citizenship oath pledge certificate"),
    ("births-deaths-and-marriages", "copy certificate", "birth death marriage certificate copy"),
    ("births-deaths-and-marriages", "cemetery plot", "grave burial plot exclusive right"),
    ("births-deaths-and-marriages", "memorial permit", "headstone memorial mason"),
    ("births-deaths-and-marriages", "cremation", "crematorium service ashes chapel"),
    ("environmental-health", "food hygiene rating", "rating inspection score re-visit"),
    ("environmental-health", "pest control", "rats mice wasps bedbugs fleas cockroaches treatment"),
    ("environmental-health", "air quality", "pollution monitoring smoke control bonfire"),
    ("environmental-health", "stray dog", "dog warden lost found kennels microchip"),
    ("environmental-health", "private water supply", "borehole well spring testing"),
    ("environmental-health", "contaminated land", "land quality investigation"),
    ("environmental-health", "health and safety at work", "accident reporting workplace"),
    ("elections-and-democracy", "postal vote", "vote by post application ballot"),
    ("elections-and-democracy", "proxy vote", "vote on your behalf application"),
    ("elections-and-democracy", "polling station", "where to vote polling card"),
    ("elections-and-democracy", "petition", "e-petition signatures debate"),
    ("elections-and-democracy", "freedom of information request", "FOI request information disclosure"),
    ("leisure-and-sport", "swimming lessons", "pool lessons children adults"),
    ("leisure-and-sport", "gym membership", "fitness classes membership"),
    ("leisure-and-sport", "sports hall booking", "badminton five-a-side hall"),
    ("community-and-safety", "community grant", "voluntary group funding small grants"),
    ("community-and-safety", "community centre room hire", "hall hire party meeting"),
    ("community-and-safety", "CCTV footage request", "camera footage police insurance"),
    ("community-and-safety", "anti-social behaviour", "nuisance neighbours youths"),
    ("jobs-and-careers", "apprenticeship", "training placement young people"),
    ("jobs-and-careers", "work experience", "placement students"),
    ("bins-and-recycling", "trade waste collection", "business waste commercial bins contract"),
    ("bins-and-recycling", "clinical waste collection", "sharps medical waste home collection"),
    ("bins-and-recycling", "assisted bin collection", "help putting bins out disability"),
    ("bins-and-recycling", "bins for a new build home", "developer new property bins"),
    ("bins-and-recycling", "communal bins", "flats bin store shared bins"),
    ("bins-and-recycling", "recycling bank", "bottle bank textile bank clothes bank"),
    ("bins-and-recycling", "real Christmas tree collection", "tree collection January"),
    ("council-tax", "council tax exemption for students", "student certificate full time"),
    ("council-tax", "empty property premium", "empty home unfurnished premium"),
    ("council-tax", "annexe discount", "annexe family member"),
    ("council-tax", "severe mental impairment discount", "disregard certificate doctor"),
    ("council-tax", "second home charge", "second home premium furnished"),
    ("council-tax", "council tax arrears", "reminder summons liability order enforcement"),
    ("business", "small business rate relief", "rateable value relief business rates"),
    ("business", "market stall", "weekly market trader pitch"),
    ("business", "contracts and tenders", "procurement supplier tender"),
    ("planning-and-building", "lawful development certificate", "certificate existing use proposed use"),
    ("planning-and-building", "listed building consent", "listed building heritage"),
    ("planning-and-building", "building regulations completion certificate", "completion certificate"),
    ("planning-and-building", "street naming and numbering", "new address house name"),
    ("planning-and-building", "dangerous structure", "unsafe building wall"),
    ("housing", "house in multiple occupation licence", "HMO landlord tenants licence"),
    ("housing", "empty homes", "empty property bring back into use"),
    ("housing", "energy efficiency grant", "insulation heat pump boiler warm homes"),
    ("housing", "home improvement loan", "repairs loan homeowners"),
    ("environment", "graffiti removal", "graffiti offensive removal"),
    ("environment", "abandoned vehicle", "car untaxed abandoned"),
    ("environment", "litter bin", "street bin overflowing litter"),
    ("environment", "bonfire complaint", "smoke bonfire garden"),
]  # fmt: skip
VERBS = ["Apply for", "Renew", "Change or cancel", "Pay for", "Book", "Report a problem with", "Find out about"]

FACILITIES = [
    ("libraries-and-culture", "Library", "opening hours computers books study space children's story time"),
    ("community-and-safety", "Community Centre", "room hire hall kitchen parking accessible toilets"),
    ("parks-and-open-spaces", "Park", "playground toilets cafe dog walking events"),
    ("parks-and-open-spaces", "allotments", "plots waiting list water shed"),
    ("parking-and-roads", "car park", "spaces charges pay and display electric vehicle charging blue badge"),
    ("leisure-and-sport", "Leisure Centre", "swimming pool gym classes sports hall"),
    ("births-deaths-and-marriages", "Cemetery", "opening hours graves memorials chapel"),
    ("community-and-safety", "Village Hall", "hire bookings parking"),
]  # fmt: skip

NOTICE_WORKS = [
    "resurfacing", "gas main replacement", "water main repairs", "drainage works", "kerb replacement",
    "bridge inspection", "new pedestrian crossing", "street lighting upgrade", "tree felling", "telecoms cabling",
]  # fmt: skip
PLANNING_WORKS = [
    "single storey rear extension", "two storey side extension", "loft conversion with rear dormer",
    "change of use from shop to cafe", "erection of 4 dwellings", "new garage", "front porch",
    "replacement windows in a conservation area", "removal of a chimney", "outbuilding for home office",
    "felling of an oak tree", "installation of solar panels", "raising of roof height", "new vehicle access",
]  # fmt: skip
PUB_NAMES = ["The Red Lion", "The Crown", "The Plough", "The White Hart", "The Kings Arms", "Millbrook Stores",
             "The Old Bakery", "Riverside Cafe", "Station Kitchen", "The Wheatsheaf", "Castle Wines"]  # fmt: skip
NEWS_TOPICS = [
    ("bin collections change over the bank holiday", "bin collection days move by one day; put your bins out as usual"),
    ("new recycling bins for flats", "communal recycling bins replace the old bin stores"),
    ("council tax bills are on their way", "bills for the new year arrive in March; pay by direct debit"),
    ("winter gritting begins", "our gritters treat the main roads when ice is forecast"),
    ("car park charges review", "we are asking residents about parking charges and permits"),
    ("new play area opens", "the new playground has swings, a zip wire and accessible equipment"),
    ("food hygiene awards", "businesses with a five star food hygiene rating were celebrated"),
    ("library opening hours change", "libraries open later on Thursdays from next month"),
    ("fly-tipping fines", "people who dumped rubbish were fined after evidence was found"),
    ("cost of living support", "a fund helps households struggling with bills and food"),
    ("local plan consultation opens", "tell us where new homes, jobs and green spaces should go"),
    ("garden waste renewals", "renew your garden waste subscription before the brown bin season"),
    ("road closures for the carnival", "roads close for the procession; buses are diverted"),
    ("planting 1,000 trees", "volunteers plant trees in parks and verges"),
]  # fmt: skip
COMMITTEES = ["Full Council", "Cabinet", "Planning Committee", "Licensing Committee", "Audit Committee",
              "Overview and Scrutiny Committee", "Standards Committee", "Environment Committee"]  # fmt: skip
CONSULTATIONS = ["parking charges", "a resident parking zone", "the local plan", "the budget", "a new cycle route",
                 "the licensing policy", "the housing strategy", "dog control orders", "litter enforcement",
                 "the climate action plan", "the garden waste service", "play area improvements"]  # fmt: skip

# The services residents want most also have many pages about them beyond the one that answers: changes in
# one town, calendars, terms, policies, questions. (area slug, topic, words those pages use.)
TOP_TOPICS = [
    ("bins-and-recycling", "bin collections", "bin collection day rubbish recycling wheelie bin crews"),
    ("bins-and-recycling", "missed bins", "missed bin collection not emptied report crews"),
    ("bins-and-recycling", "garden waste collections", "garden waste brown bin subscription grass cuttings"),
    ("bins-and-recycling", "bulky waste collections", "bulky waste furniture sofa fridge collection"),
    ("bins-and-recycling", "recycling centres", "recycling centre tip opening times household waste"),
    ("bins-and-recycling", "food waste", "food waste caddy liners weekly collection"),
    ("bins-and-recycling", "recycling", "recycling bin glass plastic cardboard"),
    ("council-tax", "council tax", "council tax bill band payment account"),
    ("council-tax", "council tax discounts", "council tax discount single person reduction"),
    ("council-tax", "council tax direct debit", "direct debit monthly instalments council tax"),
    ("benefits-and-support", "housing benefit", "housing benefit rent claim help"),
    ("benefits-and-support", "cost of living help", "cost of living bills food bank support"),
    ("housing", "homelessness", "homeless housing advice emergency accommodation"),
    ("housing", "the housing register", "housing register social housing council house waiting list"),
    ("housing", "disrepair in rented homes", "damp mould landlord repairs disrepair"),
    ("planning-and-building", "planning permission", "planning permission extension fence application"),
    ("planning-and-building", "planning applications", "planning application comment objection decision"),
    ("parking-and-roads", "parking fines", "parking fine penalty charge notice appeal"),
    ("parking-and-roads", "parking permits", "parking permit resident visitor zone"),
    ("parking-and-roads", "potholes", "pothole road repair report"),
    ("environment", "fly-tipping", "fly-tipping dumped rubbish report fine"),
    ("environment", "noise complaints", "noise complaint neighbour music barking"),
    ("business", "business rates", "business rates bill relief rateable value"),
    ("council-and-democracy", "voter registration", "register to vote electoral register polling"),
]
TOPIC_TITLES = [
    "{Topic}: changes in {place}", "{Topic} in {place}", "{Topic}: frequently asked questions",
    "{Topic}: terms and conditions", "{Topic} calendar {year}", "{Topic} over Christmas and New Year {year}",
    "{Topic} policy", "{Topic}: what happens next", "{Topic}: performance figures {year}",
    "Changes to {topic} from April {year}", "{Topic}: information for landlords", "{Topic}: data protection notice",
]  # fmt: skip

# Everyday sentences any page might carry, with the site's common words in passing.
COMMON = [
    "You can apply online, by phone or in person at the Civic Centre.",
    "We aim to reply within 10 working days.",
    "Have your reference number ready when you contact us.",
    "If you pay by card, you will get a receipt by email.",
    "You can pay online with a debit or credit card.",
    "We may ask for evidence, such as a photo or a recent letter.",
    "Tell us if your circumstances change.",
    "Our customer services team can help if you cannot use the online form.",
    "Fees are reviewed every April.",
    "Refunds are given only if we have not started work on your application.",
    "Bin collections and parking permits are not affected.",
    "Please allow extra time over the Christmas and New Year period.",
    "If you disagree with our decision, you can appeal within 28 days.",
    "We publish the register of decisions on this website.",
    "Large print and other formats are available on request.",
    "Residents and local businesses will be told by letter.",
    "This does not change your council tax or business rates.",
    "Keep a copy of your application for your records.",
    "You will need a valid email address and your postcode.",
    "Parking near the site is limited, so please use the public car park.",
]  # fmt: skip


@dataclass
class Picker:
    rng: random.Random

    def __call__(self, items):
        return self.rng.choice(items)

    def date(self):
        return f"{self.rng.randint(1, 28)} {self(MONTHS)} {self.rng.choice([2025, 2026, 2027])}"

    def money(self):
        return f"£{self.rng.choice([12, 25, 30, 45, 50, 63, 75, 90, 120, 150, 230, 320, 480])}"

    def address(self):
        return f"{self.rng.randint(1, 140)} {self(STREETS)}, {self(PLACES)}"

    def common(self, count):
        return self.rng.sample(COMMON, count)


def paragraph(*sentences):
    return ("paragraph", f"<p>{' '.join(sentence for sentence in sentences if sentence)}</p>")


def heading(text):
    return ("heading", {"text": text})


def service_task(pick, area, thing, words):
    verb, place = pick(VERBS), pick(PLACES)
    local = pick.rng.random() < 0.5
    title = f"{verb} {thing}" + (f" in {place}" if local else "")
    kind = {"Apply for": "apply", "Renew": "apply", "Pay for": "pay", "Book": "book"}.get(verb, "info")
    if verb.startswith("Report"):
        kind = "report"
    summary = f"{verb} {thing} with Westmere District Council" + (f", for {place}." if local else ".")
    body = [
        heading("Who can apply"),
        paragraph(f"Anyone who needs a {thing} in the district.", *pick.common(2)),
        heading("What it costs"),
        paragraph(f"The fee is {pick.money()}. It covers {' '.join(words.split()[:4])}.", *pick.common(1)),
        heading("How long it takes"),
        paragraph(f"Most applications for {words} are decided in {pick.rng.randint(2, 12)} weeks.", *pick.common(2)),
    ]
    keywords = ", ".join(pick.rng.sample(words.split(), min(3, len(words.split())))) if pick.rng.random() < 0.4 else ""
    return area, {"title": title, "summary": summary, "kind": kind, "search_keywords": keywords, "body": body,
                  "answer": f"{verb} {thing} online. {pick(COMMON)}", "cost": pick.money()}


def fees_page(pick, area, thing, words):
    year = pick.rng.choice([2024, 2025, 2026])
    what = pick([f"fees and charges {year} to {year + 1}", "policy", "conditions", "guidance notes"])
    title = f"{thing[0].upper()}{thing[1:]}: {what}"
    body = [paragraph(f"This page sets out the {thing} {what}.", *pick.common(2)),
            paragraph(f"It covers {words}. The standard fee is {pick.money()}.", *pick.common(2))]
    return area, {"title": title, "summary": f"The council's {thing} {what}.", "kind": "info", "body": body}


def facility_page(pick):
    area, name, words = pick(FACILITIES)
    place = pick(PLACES)
    title = f"{place} {name}"
    body = [heading("Opening hours"),
            paragraph(f"Monday to Friday, {pick.rng.randint(7, 10)}am to {pick.rng.randint(4, 8)}pm.",
                      "Closed on bank holidays."),
            heading("Facilities"),
            paragraph(f"{title} has {words}.", f"Find it at {pick.address()}.", *pick.common(1))]
    return area, {"title": title, "summary": f"Opening hours, facilities and how to find {title}.", "kind": "info",
                  "body": body}


def notice_page(pick):
    street, place, date = pick(STREETS), pick(PLACES), pick.date()
    choice = pick.rng.random()
    if choice < 0.35:
        ref = f"{pick.rng.randint(24, 27)}/{pick.rng.randint(1, 3999):05d}/{pick(['FUL', 'HOU', 'LBC', 'OUT', 'TPO'])}"
        works = pick(PLANNING_WORKS)
        title = f"Planning application {ref}: {pick.address()}"
        summary = f"Application for {works}. Comments by {date}."
        text = [f"The applicant proposes {works}.", f"You can comment on this planning application until {date}.",
                "Comments must be about planning matters, such as parking, overlooking or loss of light."]
        area = "planning-and-building"
    elif choice < 0.6:
        works = pick(NOTICE_WORKS)
        title = f"Road closure: {street}, {place}, from {date}"
        summary = f"{street} in {place} is closed for {works}. A diversion is signed."
        text = [f"{street} will be closed from {date} for up to {pick.rng.randint(1, 15)} days for {works}.",
                f"A diversion will be signed via {pick(STREETS)}.",
                "Access for residents, emergency services and bin collections will be kept.",
                "Parking will be suspended along the closed section."]
        area = "roads-and-transport"
    elif choice < 0.8:
        premises = pick(PUB_NAMES)
        title = f"Licence application: {premises}, {street}, {place}"
        summary = f"{premises} has applied to vary its premises licence. Representations by {date}."
        text = [f"{premises} has applied for a premises licence for the sale of alcohol and late night refreshment.",
                f"Anyone may make a representation by {date}.", "Representations must relate to the licensing "
                "objectives: crime and disorder, public safety, public nuisance and protecting children."]
        area = "licensing"
    else:
        title = f"Traffic regulation order: {pick(['waiting restrictions', 'speed limit', 'one way', 'loading ban', 'resident permit parking'])} on {street}, {place}"  # noqa: E501
        summary = f"We propose a traffic order on {street}. Objections by {date}."
        text = [f"The order would change parking and waiting on {street}, {place}.",
                f"Objections must be made in writing by {date}.", "Permit holders will be told by letter."]
        area = "roads-and-transport"
    return area, {"title": title, "summary": summary, "kind": "info",
                  "body": [paragraph(*text), paragraph(*pick.common(2))]}


def topic_page(pick):
    """A page about one of the services residents want most that is not its answer."""
    area, topic, words = pick(TOP_TOPICS)
    pattern = pick(TOPIC_TITLES)
    title = pattern.format(Topic=topic[0].upper() + topic[1:], topic=topic, place=pick(PLACES),
                           year=pick.rng.choice([2025, 2026, 2027]))
    summary = f"{title}. About {topic} in the Westmere district."
    body = [paragraph(f"This page is about {topic}.", f"It covers {words}.", *pick.common(2)),
            heading(f"More about {topic}"),
            paragraph(f"Read this if you have a question about {words.split()[0]} {words.split()[1]}.",
                      *pick.common(2))]
    keywords = ", ".join(pick.rng.sample(words.split(), 2)) if pick.rng.random() < 0.3 else ""
    return area, {"title": title, "summary": summary, "kind": "info", "body": body, "search_keywords": keywords}


def news_page(pick):
    choice = pick.rng.random()
    place, date = pick(PLACES), pick.date()
    if choice < 0.45:
        topic, text = pick(NEWS_TOPICS)
        title = f"{topic.capitalize()} in {place}" if pick.rng.random() < 0.5 else f"{topic.capitalize()}"
        summary, body = f"News, {date}: {text}.", [paragraph(f"{text.capitalize()}.", *pick.common(3))]
    elif choice < 0.75:
        committee = pick(COMMITTEES)
        title = f"{committee} meeting, {date}"
        summary = f"Agenda, reports and minutes of the {committee} meeting on {date}."
        items = pick.rng.sample([c for c in CONSULTATIONS] + [t for t, _ in NEWS_TOPICS], 3)
        body = [heading("Agenda"), paragraph(*(f"Item {i + 1}: {item}." for i, item in enumerate(items))),
                paragraph("Meetings are open to the public and webcast.", *pick.common(1))]
    else:
        topic = pick(CONSULTATIONS)
        title = f"Consultation: {topic}" + (f" in {place}" if pick.rng.random() < 0.6 else "")
        summary = f"Tell us what you think about {topic} by {date}."
        body = [paragraph(f"We want to hear from residents and businesses about {topic}.",
                          f"The consultation closes on {date}.", *pick.common(2))]
    return "news-and-notices", {"title": title, "summary": summary, "kind": "info", "body": body}


class LongTail:
    """Page fields for generated page number n, the same for the same seed: a mix like a real council's."""

    def __init__(self, seed=7):
        self.pick = Picker(random.Random(seed))

    def page(self):
        """(service area slug, {title, summary, kind, body, ...}) for the next page."""
        pick, roll = self.pick, self.pick.rng.random()
        if roll < 0.3:
            return notice_page(pick)
        if roll < 0.5:
            return service_task(pick, *pick(SERVICES))
        if roll < 0.65:
            return topic_page(pick)
        if roll < 0.77:
            return facility_page(pick)
        if roll < 0.9:
            return news_page(pick)
        return fees_page(pick, *pick(SERVICES))
