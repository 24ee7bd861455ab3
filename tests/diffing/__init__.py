"""Tests of normalisation, fingerprints, the diff engine and the re-check schedule."""
