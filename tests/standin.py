"""Handing out a shared stand-in: every test gets it with its knobs as the server started."""

from __future__ import annotations

from dataclasses import asdict

from app.demo.server import DemoServer


def reset_knobs(server: DemoServer, *, stats: bool = True) -> DemoServer:
    """Every fault knob back to the value the server was started with (what a test that
    turned one left behind does not reach the next test); counters zeroed unless `stats`
    is False."""
    server.set_faults(**asdict(server.config.fault_knobs()))
    if stats:
        server.stats.reset()
    return server
