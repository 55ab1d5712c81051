"""A value from the shared cache read at most once per request, such as a content version.

A page or a search reads the same version several times (for the site, each fragment, the kept results); each read
is a round trip to Redis. Inside a request opened with `open()` the first read is remembered until `close()`; a
request that changes the value calls `forget()`, so what it reads next is the new one. Outside a request (a
management command, a task) every read goes to the cache.
"""
import contextvars

_NOT_READ = object()


class ReadOncePerRequest:
    def __init__(self, name, read):
        self._remembered = contextvars.ContextVar(name, default=None)
        self._read = read

    def get(self):
        remembered = self._remembered.get()
        if remembered is not None and remembered is not _NOT_READ:
            return remembered
        value = self._read()
        if remembered is _NOT_READ:
            self._remembered.set(value)
        return value

    def open(self):
        """Start remembering (a request begins); returns a token for `close`."""
        return self._remembered.set(_NOT_READ)

    def close(self, token=None):
        """Stop remembering (the request ended): back to how it was before `open`, or to reading every time."""
        if token is not None:
            self._remembered.reset(token)
        else:
            self._remembered.set(None)

    def forget(self):
        """The value changed in this request: read it again next time (if a request is open)."""
        if self._remembered.get() is not None:
            self._remembered.set(_NOT_READ)
