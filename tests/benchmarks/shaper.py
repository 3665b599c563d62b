"""A network shaper for benchmarks: a real TCP proxy on loopback.

`python -m tests.benchmarks.shaper HOST:PORT --rtt-ms 40 --rate 3e6` prints the port it
listens on, then forwards every connection to HOST:PORT with:

- **latency per request**: every chunk, either way, is delivered half a round trip after
  it arrived (a pipe, not a queue: a stream keeps flowing, a request and its answer cost
  one round trip);
- **latency per connection**: a new connection waits one round trip before its first
  byte moves (the TCP handshake; a TLS one would cost more);
- **a bandwidth cap per connection** towards the client (token bucket), the way a photo
  host or a mobile link limits each transfer.

Every tool measured (ours, curl, aria2c) goes through the same process, so its own CPU
cost lands on all of them alike. asyncio streams are enough for the rates used here.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import sys
import time
from collections.abc import Sequence

CHUNK = 64 * 1024


class Shape:
    def __init__(self, rtt_s: float, rate: float | None, stats: str | None = None) -> None:
        self.one_way = rtt_s / 2
        self.rtt = rtt_s
        self.rate = rate
        self.connections = 0
        self.stats = stats

    def count_connection(self) -> None:
        """One more connection; written out when asked (`--stats FILE`) for the report."""
        self.connections += 1
        if self.stats:
            with open(self.stats, "w") as out:
                out.write(str(self.connections))


async def _pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    delay: float,
    rate: float | None,
) -> None:
    """Copy reader to writer, each chunk `delay` late, at most `rate` bytes/s."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def pump_in() -> None:
        with contextlib.suppress(ConnectionError, OSError):  # a side that hung up ends it
            while data := await reader.read(CHUNK):
                queue.put_nowait((time.monotonic() + delay, data))
        queue.put_nowait((time.monotonic() + delay, b""))

    feeder = asyncio.ensure_future(pump_in())
    budget_start = time.monotonic()
    sent = 0
    try:
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                break
            if rate:
                # token bucket: no more than `rate` bytes per second since the pipe began
                # (after an idle spell, the budget restarts rather than bursting)
                now = time.monotonic()
                if now - budget_start > sent / rate + 0.25:
                    budget_start, sent = now, 0
                ahead = budget_start + (sent + len(data)) / rate - now
                if ahead > 0:
                    await asyncio.sleep(ahead)
                sent += len(data)
            writer.write(data)
            await writer.drain()
        with contextlib.suppress(OSError):
            if writer.can_write_eof():
                writer.write_eof()
    except (ConnectionError, OSError):
        pass
    finally:
        feeder.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError, OSError):
            await feeder


async def _handle(
    shape: Shape, upstream: tuple[str, int], down_r: asyncio.StreamReader,
    down_w: asyncio.StreamWriter,
) -> None:  # fmt: skip
    shape.count_connection()
    _nodelay(down_w)
    await asyncio.sleep(shape.rtt)  # the handshake's round trip
    try:
        up_r, up_w = await asyncio.open_connection(*upstream)
    except OSError:
        down_w.close()
        return
    _nodelay(up_w)
    try:
        await asyncio.gather(
            _pipe(down_r, up_w, shape.one_way, None),
            _pipe(up_r, down_w, shape.one_way, shape.rate),
        )
    finally:
        for writer in (up_w, down_w):
            writer.close()
            with contextlib.suppress(OSError, ConnectionError):
                await writer.wait_closed()


def _nodelay(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


async def serve(upstream: tuple[str, int], shape: Shape) -> None:
    handlers: set[asyncio.Task[None]] = set()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # held here: asyncio keeps only a weak reference to a connection's task, and a
        # client that hangs up mid-body would otherwise leave one to be collected pending
        task = asyncio.ensure_future(_handle(shape, upstream, reader, writer))
        handlers.add(task)
        task.add_done_callback(handlers.discard)

    server = await asyncio.start_server(connected, "127.0.0.1", 0, backlog=256)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(prog="shaper")
    parser.add_argument("upstream", help="HOST:PORT to forward to")
    parser.add_argument("--rtt-ms", type=float, default=40.0)
    parser.add_argument("--rate", type=float, default=None, help="bytes/s per connection")
    parser.add_argument("--stats", default=None, help="file that holds the connection count")
    args = parser.parse_args(list(argv))
    host, _, port = args.upstream.rpartition(":")
    shape = Shape(args.rtt_ms / 1000, args.rate, args.stats)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve((host, int(port)), shape))


if __name__ == "__main__":
    main(sys.argv[1:])
