"""Django's Redis cache, with one client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation, which sets up some 170 response
callbacks each time: about 0.1 ms an operation, and a request makes several (rate limits, versions, fragments).
A `redis.Redis` is safe to share between threads (it takes a connection from its pool per command), so one per
pool does the same work.
"""
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
