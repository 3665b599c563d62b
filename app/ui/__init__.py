"""Everything PySide6. Importing this package first applies `workarounds` (see there)."""

from app.ui.workarounds import protect_singletons, skip_missing_sniffio

protect_singletons()
skip_missing_sniffio()
