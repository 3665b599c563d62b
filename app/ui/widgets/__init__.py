"""The window's building blocks; each widget knows nothing about the service."""
