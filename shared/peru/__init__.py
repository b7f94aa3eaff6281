"""Peruvian data standards: identity documents, phone numbers and INEI location codes (ubigeo)."""
