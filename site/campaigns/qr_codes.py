"""QR codes of campaign links (segno): SVG for print, PNG for documents. They encode the short link itself, so a
code on a poster keeps working if the page behind it moves."""
import io

import segno

from .links import short_url


def qr_of(link, request):
    return segno.make(short_url(link, request), error="m")


def qr_svg(link, request):
    out = io.BytesIO()
    qr_of(link, request).save(out, kind="svg", scale=8, border=4, title=f"QR code for {short_url(link, request)}")
    return out.getvalue()


def qr_png(link, request):
    out = io.BytesIO()
    qr_of(link, request).save(out, kind="png", scale=10, border=4)
    return out.getvalue()
