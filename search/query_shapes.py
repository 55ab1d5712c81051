"""A search's SQL built once per shape of query, not once per search.

Django builds PostgreSQL's ranked full-text query from a tree of a few hundred expressions (each word's rank in
title and body, for every synonym expansion): about 5 ms of a first-time search on the demo council, where the
database answers in under 1 ms. Two queries with the same tree of And, Or and single words differ only in their
words. So the SQL is built once per shape, with stand-in words, and each search puts its own words in place of
the stand-ins. The SQL is kept whole, its parameters written in as literals (`build` does that): psycopg would
otherwise parse it for its placeholders on every search, since it keeps its parsing only of statements under 4 kB
with at most 50 parameters (a search's ranked query has 40 to 150).
"""
import re

from modelsearch.query import And, Or, PlainText

# A word the backend uses as it is (no spaces or hyphens to split) and that can take a stand-in's place in a quoted
# literal as it is (no quote or backslash to escape)
WORD = re.compile(r"\w+")
STAND_IN = re.compile(r"zqzw(\d+)zqz")
MAX_SHAPES = 500  # shapes kept per process (a shape is a few kB of SQL); the cache starts again when full

_compiled = {}


def split(query, words):
    """The query's shape, with its words appended to `words`; None if any part is not an And, Or or word."""
    if type(query) is PlainText:
        if not WORD.fullmatch(query.query_string):
            return None
        words.append(query.query_string)
        return ("word", query.operator, query.boost)
    if type(query) in (And, Or):
        parts = tuple(split(subquery, words) for subquery in query.subqueries)
        return None if None in parts else (type(query).__name__, parts)
    return None


def with_stand_ins(query, counter):
    """The same query with stand-in words (zqzw0zqz, zqzw1zqz, ...) in its words' places."""
    if type(query) is PlainText:
        return PlainText(f"zqzw{next(counter)}zqz", operator=query.operator, boost=query.boost)
    return type(query)([with_stand_ins(subquery, counter) for subquery in query.subqueries])


def compiled(query, key, build):
    """The SQL `build(query)` makes (complete: no parameters left), built once per shape of query for `key`."""
    words = []
    shape = split(query, words)
    if shape is None:
        return build(query)
    sql = _compiled.get((key, shape))
    if sql is None:
        if len(_compiled) >= MAX_SHAPES:
            _compiled.clear()
        sql = _compiled[(key, shape)] = build(with_stand_ins(query, iter(range(len(words)))))
    return STAND_IN.sub(lambda match: words[int(match[1])], sql)
