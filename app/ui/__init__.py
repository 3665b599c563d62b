"""Everything PySide6. Importing this package first applies `workarounds` (see there)."""

from app.ui.workarounds import protect_singletons

protect_singletons()
