"""Alerts: tell people about new changes, takedowns, redirects and flip-flops through apprise.

``rules`` reads the alert file (destinations and their filters), ``message`` says what
changed, ``sender`` hands a message to apprise, ``notifier`` runs one pass: every
matching change or article event is claimed in the store, sent, and recorded per
destination.
"""
