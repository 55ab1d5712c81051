"""The shared kit: GOV.UK form fields and their messages, the spam honeypot, and personal-data redaction.

The bottom layer of the project: every app may import it, and it imports nothing of the project
(only Python, Django and filetype-free standard library code).
"""
