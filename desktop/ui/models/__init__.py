"""Qt item models over plain data returned by the backend."""
