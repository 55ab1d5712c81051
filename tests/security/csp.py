"""Read a Content-Security-Policy header as directives: django-csp does not keep their order."""


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed
