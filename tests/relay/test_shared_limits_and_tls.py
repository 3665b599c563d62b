"""Two relay processes' worth of limits shared in a real Redis (when one is installed), and
uvicorn's own TLS with a throwaway self-signed certificate (when openssl is installed)."""

from __future__ import annotations

import importlib.util
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.demo.server import DemoServer
from tests.relay.support import running_relay


@pytest.fixture
def redis_socket(tmp_path: Path) -> Iterator[Path]:
    """A private redis-server on a unix socket (no TCP port, nothing saved to disk)."""
    binary = shutil.which("redis-server")
    if binary is None or importlib.util.find_spec("coredis") is None:
        pytest.skip("redis-server (apt-get install redis-server) or coredis not installed")
    path = tmp_path / "redis.sock"
    proc = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(path), "--save", "", "--appendonly", "no"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # wait for the server's own word, not for a clock
            if "ready to accept connections" in line.lower():
                break
        else:
            pytest.fail("redis-server did not start")
        yield path
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_two_relays_share_one_budget_per_client_in_redis(
    upstream: DemoServer, redis_socket: Path
) -> None:
    limits = {"requests": "3/minute", "storage": f"redis+unix://{redis_socket}"}
    ping = f"/api/v1/ext/{upstream.org_id}/event/{upstream.event_id}/ping"
    with (
        running_relay(upstream, limits=limits) as first,
        running_relay(upstream, limits=limits) as second,
        httpx.Client() as http,
    ):
        assert first.base_url != second.base_url
        assert http.get(first.base_url + "/healthz").json() == {"status": "ok"}
        statuses = [http.get(relay.base_url + ping).status_code for relay in (first, second)]
        statuses.append(http.get(first.base_url + ping).status_code)
        throttled = http.get(second.base_url + ping)
    assert statuses == [200, 200, 200]
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) >= 1


def test_the_relay_serves_https_with_its_own_certificate(
    upstream: DemoServer, tmp_path: Path
) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-nodes", "-days", "1", "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    trust = ssl.create_default_context(cafile=str(cert))
    with running_relay(upstream, ssl_certfile=cert, ssl_keyfile=key) as relay:
        assert relay.base_url.startswith("https://127.0.0.1:")
        ping = f"/api/v1/ext/{upstream.org_id}/event/{upstream.event_id}/ping"
        assert httpx.get(relay.base_url + ping, verify=trust).status_code == 200
        with pytest.raises(httpx.ConnectError):
            httpx.get(relay.base_url + ping)  # not trusted by default: it really is TLS
