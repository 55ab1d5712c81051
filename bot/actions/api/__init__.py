"""Clients for the services the action server talks to over HTTP."""
