"""Tambo sync server: device API, storage, officials' console."""

__version__ = "0.1.0"
