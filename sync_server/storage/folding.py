"""Names compared the way officials type them: without case and without accents ("ramirez" finds
"Ramírez", "nahui" finds "Ñahui").

The same folding runs in the database (the function ``tambo_fold``: SQL on PostgreSQL, created by
migration 0007 with the trigram index over it; a Python function registered on every SQLite
connection) and here, for the typed search text. Both sides use the one table below, so they agree;
the migration carries a copy of it, as migrations must not change when the code does.
"""

from __future__ import annotations

#: Each accented letter (both cases) and the plain letter it folds to.
FOLD_FROM = "ÁÀÄÂÉÈËÊÍÌÏÎÓÒÖÔÚÙÜÛÑÇáàäâéèëêíìïîóòöôúùüûñç"
FOLD_TO = "aaaaeeeeiiiioooouuuuncaaaaeeeeiiiioooouuuunc"
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)

#: The name of the database function.
SQL_FUNCTION = "tambo_fold"


def fold(text: str | None) -> str | None:
    """Lower case, accents removed; None stays None (as SQL's NULL)."""
    if text is None:
        return None
    return text.translate(_TABLE).lower()
