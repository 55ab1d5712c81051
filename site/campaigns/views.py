"""/go/<name>: count the visit, then go where the link leads, with the campaign for this visit only."""
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from .links import target_url
from .models import CampaignLink, CampaignVisit
from .qr_codes import qr_png, qr_svg


@never_cache
def go(request, name):
    link = get_object_or_404(CampaignLink.objects.select_related("page"), name=name[:40])
    if request.method in ("GET", "HEAD"):
        CampaignVisit.objects.create(link=link)
    return HttpResponseRedirect(target_url(link))


def qr_code(request, pk, kind):
    """The link's QR code for posters and letters, for staff who may change campaign links (an admin URL)."""
    if not request.user.has_perm("campaigns.change_campaignlink"):
        raise PermissionDenied
    link = get_object_or_404(CampaignLink, pk=pk)
    if kind == "svg":
        response = HttpResponse(qr_svg(link, request), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(link, request), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="go-{link.name}.{kind}"'
    return response
