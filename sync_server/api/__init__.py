"""Versioned device APIs."""
