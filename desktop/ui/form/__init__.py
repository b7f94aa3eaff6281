"""The form renderer: a ``FormVersion`` becomes widgets; answers come back as JSON for validation."""

from desktop.ui.form.form_view import FormView
from desktop.ui.form.review import ReviewLine, display_value, review_lines

__all__ = ["FormView", "ReviewLine", "display_value", "review_lines"]
