"""The one spider every outlet runs, built from the outlet's declaration by the loader."""
