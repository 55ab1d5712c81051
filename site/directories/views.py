"""Find a ...: /find/ lists the kinds; /find/<kind>/ filters by facility and open now and, from a postcode, puts the
nearest first. A GET form: it works without JavaScript, and a result can be shared by its address."""
from django import forms
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kit import messages
from places.lookups import example_postcode, not_in_area
from sitewide.current_site import current_site

from .finding import InvalidPostcode, UnknownPostcode, find, places_of, where_is
from .models import KIND_PLURALS, Facility, Kind


class FindForm(forms.Form):
    postcode = forms.CharField(label="Postcode", required=False, max_length=30,
                               help_text="To see the nearest first")
    facilities = forms.ModelMultipleChoiceField(
        label="Must have", required=False, queryset=Facility.objects.none(), widget=forms.CheckboxSelectMultiple,
    )
    open_now = forms.BooleanField(label="Open now", required=False)

    def __init__(self, *args, places, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilities"].queryset = Facility.objects.filter(places__in=places).distinct()
        example = example_postcode(site)  # one of the council's own postcodes
        if example:
            self.fields["postcode"].help_text += f", for example {example}"


def directory(request):
    places = places_of(current_site(request))
    kinds = [(kind, KIND_PLURALS[kind], places.filter(kind=kind).count()) for kind in Kind]
    return render(request, "directories/index.html", {"kinds": kinds})


@never_cache  # filters, a postcode and "open now" make each answer different
def find_places(request, kind):
    if kind not in Kind.values:
        raise Http404
    site = current_site(request)
    places = places_of(site).filter(kind=kind)
    form = FindForm(request.GET or None, places=places, site=site)
    near, found = None, []
    if form.is_valid() and form.cleaned_data["postcode"].strip():
        try:
            near = where_is(form.cleaned_data["postcode"], site)
        except InvalidPostcode:
            form.add_error("postcode", messages.postcode_invalid(example_postcode(site)))
        except UnknownPostcode:
            form.add_error("postcode", not_in_area(site))
    cleaned = form.cleaned_data if form.is_bound and not form.errors else {}
    found = find(places, cleaned.get("facilities") or (), cleaned.get("open_now"), near)
    return render(request, "directories/find.html", {
        "form": form, "kind": Kind(kind), "plural": KIND_PLURALS[kind], "found": found, "near": near,
    })
