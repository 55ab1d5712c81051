"""Merging one council into another (`manage.py merge_councils OLD NEW`).

plan.py reads both councils' trees and decides, page by page, what moves and which page of a clashing service
stays (nothing is changed); report.py writes that plan as plain text; apply.py carries it out in one transaction:
moves, retirements, 301s on the old hostname, requests' pages, chat keys, the search index and a queued assistant
update.
"""
