"""Qt widgets. Widgets never run SQL or HTTP: they call operations that run off the UI thread."""
