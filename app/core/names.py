"""Names the command line needs before anything else loads (kept import-free so that
`--help` can word them without loading the key store or logging)."""

ENV_VAR = "NINEPIC_API_KEY"
"""The environment variable the API key is read from."""
