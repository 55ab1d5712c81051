"""Loads the address list: an addresses CSV file and an areas file (collection rounds, wards, councillors).

Used by `manage.py load_addresses` and by the demo council loader; later feeds (a real gazetteer) use the same
files. Each council has its own list (places/councils.py): the files are loaded for one council, whose round and
ward codes they use, and loading them changes no other council's rows. A file with any mistake loads nothing and
says where each mistake is. Loading the same files again changes nothing.

The addresses file is CSV (UTF-8, a header row, any column order; an Excel byte-order mark is fine):

    uprn,address_line_1,address_line_2,town,postcode,latitude,longitude,collection_round,ward
    100091000002,1 Market Street,,Westmere,WM1 1AA,52.582232,-2.115445,wed-a,town-centre
    100091000005,Flat 1,9 Market Street,Westmere,WM1 1AA,,,wed-a,town-centre

- uprn (required): the Unique Property Reference Number, 1 to 12 digits. It is the key: a row whose UPRN
  is already loaded updates that address.
- address_line_1 (required), address_line_2, town: as on a letter. Line 1 and 2 tell the addresses at one
  postcode apart, so the resident can pick theirs.
- postcode (required): any UK postcode, typed any way (wm11aa); stored as WM1 1AA.
- latitude, longitude: WGS84 decimal degrees (up to 6 decimal places), both or neither.
- collection_round, ward: codes from the areas file (or already loaded); may be empty.

The areas file is YAML:

    collection_rounds:
      - {code: wed-a, name: "Wednesday, week A", weekday: Wednesday, recycling_week: A}
    wards:
      - code: town-centre
        name: Town Centre
        councillors:
          - {name: "Amina Begum", party: Labour, email: amina.begum@example.org, phone: "01632 960401",
             surgery: "First Saturday of the month, 10am to 12pm, Civic Centre"}

A round's weekday is its name or 0 (Monday) to 6; recycling goes out in its recycling_week (A or B, see
places/bins.py) and rubbish in the other. Loading a ward with `update` makes its councillors exactly those listed.
"""
import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction

from kit.uk import NotAPhoneNumber, normalise_uk_phone

from .councils import of_council, stored_site
from .lookups import InvalidPostcode, normalise_postcode
from .models import UPRN, WEEKDAYS, Address, CollectionRound, Councillor, Ward

ADDRESS_COLUMNS = (
    "uprn", "address_line_1", "address_line_2", "town", "postcode", "latitude", "longitude", "collection_round", "ward"
)
REQUIRED_COLUMNS = ("uprn", "address_line_1", "postcode")
ADDRESS_FIELDS = ("line_1", "line_2", "town", "postcode", "latitude", "longitude", "collection_round", "ward")
BATCH = 1000


class LoadError(ValueError):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadResult:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)
    removed: dict = field(default_factory=dict)

    def count(self, outcome, kind, n=1):
        counts = getattr(self, outcome)
        counts[kind] = counts.get(kind, 0) + n

    def summary(self):
        parts = []
        for outcome in ("created", "updated", "unchanged", "removed"):
            counts = getattr(self, outcome)
            if counts:
                parts.append(outcome + " " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
        return "; ".join(parts) or "nothing to load"


def load(addresses_path=None, areas_path=None, update=True, remove_missing=False, site=None):
    """Load the files (either may be None) as the address list of `site`'s council (None: the default council).
    `update=False` only adds what is missing; `remove_missing` deletes the council's addresses whose UPRN is not
    in the addresses file. Raises LoadError, loading nothing."""
    problems = []
    areas = read_areas(areas_path, problems) if areas_path else {"rounds": [], "wards": []}
    rounds = {r["code"] for r in areas["rounds"]} | set(of_council(CollectionRound.objects, site).values_list(
        "code", flat=True))
    wards = {w["code"] for w in areas["wards"]} | set(of_council(Ward.objects, site).values_list("code", flat=True))
    rows = read_addresses(addresses_path, rounds, wards, problems) if addresses_path else None
    if rows:
        check_not_elsewhere(rows, site, addresses_path, problems)
    if problems:
        raise LoadError(problems)
    result = LoadResult()
    with transaction.atomic():
        save_areas(areas, update, result, site)
        if rows is not None:
            save_addresses(rows, update, remove_missing, result, site)
    return result


def check_not_elsewhere(rows, site, path, problems):
    """A UPRN is one address in the whole country: one already in another council's list is a mistake in the file
    (or in which council it is loaded for), never moved between councils without a word."""
    theirs = Address.objects.exclude(pk__in=of_council(Address.objects, site).values("pk"))
    for uprn in sorted(set(theirs.values_list("uprn", flat=True)) & set(rows)):
        problems.append(f"{path} line {rows[uprn]['line']}: UPRN {uprn} is in another council's address list")


def read_areas(path, problems):
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path}: cannot read it: {error}")
        return {"rounds": [], "wards": []}
    if not isinstance(data, dict):
        problems.append(f"{path}: expected collection_rounds: and wards:")
        return {"rounds": [], "wards": []}
    rounds = [read_round(entry, f"{path}: collection_rounds[{i}]", problems)
              for i, entry in enumerate(data.get("collection_rounds") or [])]
    wards = [read_ward(entry, f"{path}: wards[{i}]", problems) for i, entry in enumerate(data.get("wards") or [])]
    rounds, wards = [r for r in rounds if r], [w for w in wards if w]
    for kind, entries in (("collection round", rounds), ("ward", wards)):
        codes = [entry["code"] for entry in entries]
        for code in sorted({code for code in codes if codes.count(code) > 1}):
            problems.append(f"{path}: the {kind} {code!r} is listed twice")
    return {"rounds": rounds, "wards": wards}


def code_of(entry, where, problems):
    code = str(entry.get("code") or "").strip().lower()
    try:
        validate_slug(code)
    except ValidationError:
        problems.append(f"{where}: code {code!r} must be letters, numbers, hyphens or underscores")
        return None
    return code


def read_round(entry, where, problems):
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected code, name, weekday and recycling_week")
        return None
    code = code_of(entry, where, problems)
    weekday = entry.get("weekday")
    names = [day.lower() for day in WEEKDAYS]
    if isinstance(weekday, str) and weekday.strip().lower() in names:
        weekday = names.index(weekday.strip().lower())
    if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
        problems.append(f"{where}: weekday {entry.get('weekday')!r} must be a day's name or 0 (Monday) to 6")
        weekday = None
    week = str(entry.get("recycling_week", "A")).strip().upper()
    if week not in ("A", "B"):
        problems.append(f"{where}: recycling_week {entry.get('recycling_week')!r} must be A or B")
    if code is None or weekday is None or week not in ("A", "B"):
        return None
    name = str(entry.get("name") or f"{WEEKDAYS[weekday]}, week {week}")[:100]
    return {"code": code, "name": name, "weekday": weekday, "recycling_week": week}


def read_ward(entry, where, problems):
    if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
        problems.append(f"{where}: expected a code, a name and councillors")
        return None
    code = code_of(entry, where, problems)
    councillors = []
    for i, person in enumerate(entry.get("councillors") or []):
        councillor = read_councillor(person, f"{where}: councillors[{i}]", problems)
        if councillor:
            councillors.append({**councillor, "sort_order": i})
    if code is None:
        return None
    return {"code": code, "name": str(entry["name"]).strip()[:100], "councillors": councillors}


def read_councillor(person, where, problems):
    if not isinstance(person, dict) or not str(person.get("name") or "").strip():
        problems.append(f"{where}: a councillor needs a name")
        return None
    values = {key: str(person.get(key) or "").strip() for key in ("name", "party", "email", "phone", "surgery")}
    ok = True
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            problems.append(f"{where}: email {values['email']!r} is not an email address")
            ok = False
    if values["phone"]:
        try:
            normalise_uk_phone(values["phone"])
        except NotAPhoneNumber:
            problems.append(f"{where}: phone {values['phone']!r} is not a UK phone number")
            ok = False
    for key, limit in (("name", 100), ("party", 100), ("surgery", 255), ("phone", 30)):
        if len(values[key]) > limit:
            problems.append(f"{where}: {key} is longer than {limit} characters")
            ok = False
    return values if ok else None


def read_addresses(path, rounds, wards, problems):
    """The CSV's rows as Address field values keyed by UPRN; problems get 'FILE line N: ...'."""
    rows = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            header = [name.strip().lower().replace(" ", "_") for name in reader.fieldnames or []]
            unknown = [name for name in header if name not in ADDRESS_COLUMNS]
            missing = [name for name in REQUIRED_COLUMNS if name not in header]
            if unknown or missing:
                if unknown:
                    problems.append(f"{path}: unknown columns {', '.join(unknown)} (the columns are "
                                    f"{', '.join(ADDRESS_COLUMNS)})")
                if missing:
                    problems.append(f"{path}: missing columns {', '.join(missing)}")
                return rows
            reader.fieldnames = header
            for row in reader:
                where = f"{path} line {reader.line_num}"
                values = read_address(row, where, rounds, wards, problems)
                if values is None:
                    continue
                if values["uprn"] in rows:
                    problems.append(f"{where}: UPRN {values['uprn']} is on line {rows[values['uprn']]['line']} too")
                    continue
                rows[values["uprn"]] = {**values, "line": reader.line_num}
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        problems.append(f"{path}: cannot read it: {error}")
    return rows


def read_address(row, where, rounds, wards, problems):
    if None in row:
        problems.append(f"{where}: more values than columns")
        return None
    cell = {name: (row.get(name) or "").strip() for name in ADDRESS_COLUMNS}
    before = len(problems)
    try:
        UPRN(cell["uprn"])
    except ValidationError:
        problems.append(f"{where}: UPRN {cell['uprn']!r} must be 1 to 12 digits")
    if not cell["address_line_1"]:
        problems.append(f"{where}: address_line_1 is empty")
    for name, limit in (("address_line_1", 200), ("address_line_2", 200), ("town", 100)):
        if len(cell[name]) > limit:
            problems.append(f"{where}: {name} is longer than {limit} characters")
    try:
        postcode = normalise_postcode(cell["postcode"])
    except InvalidPostcode:
        problems.append(f"{where}: postcode {cell['postcode']!r} is not a UK postcode")
        postcode = None
    latitude = coordinate(cell["latitude"], 90, "latitude", where, problems)
    longitude = coordinate(cell["longitude"], 180, "longitude", where, problems)
    if bool(cell["latitude"]) != bool(cell["longitude"]):
        problems.append(f"{where}: give both latitude and longitude, or neither")
    round_code, ward_code = cell["collection_round"].lower(), cell["ward"].lower()
    if round_code and round_code not in rounds:
        problems.append(f"{where}: collection round {round_code!r} is not in the areas file or loaded")
    if ward_code and ward_code not in wards:
        problems.append(f"{where}: ward {ward_code!r} is not in the areas file or loaded")
    if len(problems) > before:
        return None
    return {
        "uprn": cell["uprn"], "line_1": cell["address_line_1"], "line_2": cell["address_line_2"],
        "town": cell["town"], "postcode": postcode, "latitude": latitude, "longitude": longitude,
        "collection_round": round_code or None, "ward": ward_code or None,
    }


def coordinate(text, limit, name, where, problems):
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > limit or -value.as_tuple().exponent > 6:
        problems.append(f"{where}: {name} {text!r} must be a number from -{limit} to {limit}, "
                        "with at most 6 decimal places")
        return None
    return value.quantize(Decimal("0.000001"))


def save(rows, lookup, values, update, result, kind, new=None):
    """Create, update or leave one row of `rows` (a queryset: the council's); returns it. `new`: more values
    for a new row (its council)."""
    instance = rows.filter(**lookup).first()
    if instance is None:
        result.count("created", kind)
        return rows.model.objects.create(**lookup, **values, **(new or {}))
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed and update:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        result.count("updated", kind)
    else:
        result.count("unchanged", kind)
    return instance


def save_areas(areas, update, result, site=None):
    council = {"site": stored_site(site)}
    rounds, wards = of_council(CollectionRound.objects, site), of_council(Ward.objects, site)
    for entry in areas["rounds"]:
        save(rounds, {"code": entry["code"]}, {key: entry[key] for key in ("name", "weekday", "recycling_week")},
             update, result, "collection rounds", new=council)
    for entry in areas["wards"]:
        created = not wards.filter(code=entry["code"]).exists()
        ward = save(wards, {"code": entry["code"]}, {"name": entry["name"]}, update, result, "wards", new=council)
        if not (created or update):
            continue  # an existing ward's councillors are left alone unless updating
        for person in entry["councillors"]:
            values = {key: person[key] for key in ("party", "email", "phone", "surgery", "sort_order")}
            save(Councillor.objects, {"ward": ward, "name": person["name"]}, values, True, result, "councillors")
        gone = ward.councillors.exclude(name__in=[person["name"] for person in entry["councillors"]])
        if gone.exists():
            result.count("removed", "councillors", gone.count())
            gone.delete()


def save_addresses(rows, update, remove_missing, result, site=None):
    rounds = dict(of_council(CollectionRound.objects, site).values_list("code", "pk"))
    wards = dict(of_council(Ward.objects, site).values_list("code", "pk"))
    ours = of_council(Address.objects, site)
    existing = ours.in_bulk(list(rows), field_name="uprn")
    new, changed = [], []
    for uprn, row in rows.items():
        values = {name: row[name] for name in ADDRESS_FIELDS if name not in ("collection_round", "ward")}
        values["collection_round_id"] = rounds.get(row["collection_round"])
        values["ward_id"] = wards.get(row["ward"])
        address = existing.get(uprn)
        if address is None:
            new.append(Address(uprn=uprn, site=stored_site(site), **values))
        elif update and any(getattr(address, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(address, name, value)
            changed.append(address)
        else:
            result.count("unchanged", "addresses")
    Address.objects.bulk_create(new, batch_size=BATCH)
    Address.objects.bulk_update(changed, ADDRESS_FIELDS, batch_size=BATCH)
    if new:
        result.count("created", "addresses", len(new))
    if changed:
        result.count("updated", "addresses", len(changed))
    if remove_missing:
        gone = [pk for pk, uprn in ours.values_list("pk", "uprn") if uprn not in rows]
        for start in range(0, len(gone), BATCH):
            Address.objects.filter(pk__in=gone[start:start + BATCH]).delete()
        if gone:
            result.count("removed", "addresses", len(gone))
