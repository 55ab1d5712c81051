"""A circuit breaker whose state lives in Django's cache, so every worker and process shares it.

After `failure_threshold` failures within `failure_window` seconds the circuit opens: callers are
refused at once (they answer "call us" instead of waiting on a sick service) for `open_seconds`.
Then one caller at a time may try the service (half-open); a success closes the circuit, a failure
opens it again. With Redis (REDIS_URL) the state is shared by all gunicorn workers; with the
local-memory cache each process keeps its own.

Small and cache-based on purpose: libraries such as pybreaker keep state in process memory or
talk to Redis directly, while this one works with whatever cache the site is configured with.
"""
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name, failure_threshold=3, failure_window=60, open_seconds=30):
        self.name = name
        self.failure_threshold = failure_threshold
        self.failure_window = failure_window
        self.open_seconds = open_seconds
        prefix = f"circuit:{name}"
        self.failures_key = f"{prefix}:failures"
        self.open_key = f"{prefix}:open"  # present while callers are refused
        self.tripped_key = f"{prefix}:tripped"  # present from opening until a success
        self.probe_key = f"{prefix}:probe"  # the one caller allowed through while half-open

    def allow(self):
        """May the caller try the service now? (One round trip to the cache while the circuit is closed: it is asked on
        every chat message and search.)"""
        state = cache.get_many([self.open_key, self.tripped_key])
        if state.get(self.open_key):
            return False
        if state.get(self.tripped_key):
            # Half-open: exactly one caller probes; the others keep being refused until it reports.
            return cache.add(self.probe_key, 1, self.open_seconds)
        return True

    def is_open(self):
        return bool(cache.get(self.open_key))

    def record_success(self):
        state = cache.get_many([self.failures_key, self.tripped_key])  # open and probe are set only when tripped
        if not state:
            return  # nothing to forget: one round trip, not two
        if state.get(self.tripped_key):
            logger.info("Circuit %s closed: the service answered again", self.name)
        cache.delete_many([self.failures_key, self.open_key, self.tripped_key, self.probe_key])

    def record_failure(self):
        cache.add(self.failures_key, 0, self.failure_window)
        try:
            failures = cache.incr(self.failures_key)
        except ValueError:  # expired between add and incr
            cache.set(self.failures_key, 1, self.failure_window)
            failures = 1
        if failures >= self.failure_threshold or cache.get(self.tripped_key):
            self.trip()

    def trip(self):
        logger.warning("Circuit %s open for %s s: the service is failing", self.name, self.open_seconds)
        cache.set(self.open_key, 1, self.open_seconds)
        cache.set(self.tripped_key, 1, self.open_seconds * 10)
        cache.delete(self.probe_key)
