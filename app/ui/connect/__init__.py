"""The connect dialog: backend, key, event and download settings, and the connection test."""
