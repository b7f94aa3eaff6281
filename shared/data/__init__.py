"""Data files shipped with the shared package (read through importlib.resources)."""
