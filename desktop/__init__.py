"""Tambo desktop app: clerk, kiosk and coordinator modes over an encrypted local store."""

__version__ = "0.1.0"
