"""photo-retriever: find and download your race photos from 9Pic."""

__version__ = "0.1.0"
"""The same as `project.version` in pyproject.toml (a test keeps them equal)."""
