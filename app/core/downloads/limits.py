"""How many downloads run at once: its own light module, so that `download --help` can
show the default without importing the engine (and with it the HTTP client)."""

from __future__ import annotations

DEFAULT_PARALLEL = 12
"""Measured (`make bench`, a link with 40 ms round trips and 3 MB/s per connection, the
way photo hosts cap each transfer): 4 at once took 1.9× as long as aria2c -j 8, 8 still
1.2× (our start-up and link request come on top of the same eight streams), 12 0.84×.
The loopback run of the same benchmark compares 12 with 8 where CPU and disk limit."""
MAX_PARALLEL = 16
