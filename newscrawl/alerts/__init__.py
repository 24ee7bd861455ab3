"""Alerts: tell people about new changes and takedowns through apprise destinations.

``rules`` reads the alert file (destinations and their filters), ``message`` says what
changed, ``sender`` hands a message to apprise, ``notifier`` runs one pass: every
matching change or takedown is claimed in the store, sent, and recorded per destination.
"""
