"""The client's IP address, for rate limits (django-ratelimit) and sign-in lockouts (django-axes).

Behind a reverse proxy every request comes from the proxy's address, so keying on the socket
address puts the whole council in one bucket; believing any X-Forwarded-For lets anyone pick a
fresh address per request. So the header is read only when the socket peer is a trusted proxy
(TRUSTED_PROXIES), from the right: each hop added by a trusted proxy is skipped, and the first
address that is not a trusted proxy is the client.
"""
import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def parse(address):
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not is_trusted(parse(remote), networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in (part.strip() for part in forwarded.split(",")) if hop]
    for hop in reversed(hops):
        address = parse(hop)
        if address is None:
            return remote  # a garbled header: fall back to the proxy's own address
        if not is_trusted(address, networks):
            return str(address)
    return str(parse(hops[0])) if hops else remote
