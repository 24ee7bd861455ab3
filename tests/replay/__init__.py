"""Tests of the replay newsroom server, scripts and ground truth."""
