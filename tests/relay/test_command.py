"""`photo-retriever relay --config relay.toml`: the config's rules, the key's source, the
start-up line and a clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.demo.server import DemoServer
from app.relay.config import DEFAULT_UPSTREAM, ConfigError, parse_config
from tests.processes import interruptible

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_example_config_is_valid() -> None:
    config = parse_config((ROOT / "packaging" / "relay" / "relay.toml").read_text("utf-8"))
    assert config.upstream == DEFAULT_UPSTREAM and config.limits.storage == "memory://"


def test_defaults_and_a_full_file() -> None:
    minimal = parse_config("org = 903\nevents = [456]\n")
    assert minimal.upstream == DEFAULT_UPSTREAM and minimal.listen == "127.0.0.1:8080"
    assert minimal.access_code is None and minimal.limits.storage == "memory://"
    full = parse_config(
        'upstream = "https://api.9pic.ai/"\norg = 903\nevents = [456, 457]\n'
        'listen = "[::1]:0"\naccess_code = "finish-26"\ntrusted_proxies = ["10.0.0.2"]\n'
        'ssl_certfile = "c.pem"\nssl_keyfile = "k.pem"\n'
        '[limits]\nrequests = "5/second;100/minute"\nstorage = "redis://cache:6379"\n'
    )
    assert full.upstream == "https://api.9pic.ai" and (full.host, full.port) == ("::1", 0)
    assert "finish-26" not in repr(full)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('org = 903\nevents = [456]\napi_key = "k"\n', "never goes in the config"),
        ('org = 903\nevents = [456]\n[limits]\nupstream_token = "k"\n', "limits.upstream_token"),
        ("events = [456]\n", "org"),
        ("org = 903\nevents = []\n", "events"),
        ('org = 903\nevents = [456]\nupstream = "http://api.9pic.ai"\n', "https"),
        ('org = 903\nevents = [456]\nlisten = "8080"\n', "host:port"),
        ('org = 903\nevents = [456]\nlistne = "x"\n', "listne"),
        ('org = 903\nevents = [456]\n[limits]\nrequests = "lots"\n', "rate limit"),
        ('org = 903\nevents = [456]\n[limits]\nstorage = "mongodb://x"\n', "storage"),
        ('org = 903\nevents = [456]\nssl_certfile = "c.pem"\n', "both"),
        ("org = 903\nevents = [456\n", "not valid TOML"),
    ],
)
def test_bad_files_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    assert words in str(caught.value)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "relay.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_key_in_the_toml_or_no_key_at_all_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NINEPIC_API_KEY", "from-the-environment")
    keyed = _write(tmp_path, 'org = 903\nevents = [456]\napi_key = "pasted-key-123"\n')
    assert main(["relay", "--config", str(keyed)]) == 2
    err = capsys.readouterr().err
    assert "NINEPIC_API_KEY" in err and "pasted-key-123" not in err
    monkeypatch.delenv("NINEPIC_API_KEY")
    plain = _write(tmp_path, "org = 903\nevents = [456]\n")
    assert main(["relay", "--config", str(plain)]) == 2
    assert "no API key" in capsys.readouterr().err
    assert main(["relay", "--config", str(tmp_path / "missing.toml")]) == 2


def test_relay_prints_one_line_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    with DemoServer() as upstream:
        config = _write(
            tmp_path,
            f'upstream = "{upstream.base_url}"\norg = {upstream.org_id}\n'
            f'events = [{upstream.event_id}]\nlisten = "127.0.0.1:0"\n',
        )
        env = {**os.environ, "NINEPIC_API_KEY": upstream.api_key}
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "relay", "--config", str(config)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=interruptible,
        )
        try:
            assert proc.stdout is not None
            info = json.loads(proc.stdout.readline())
            assert info["base_url"].startswith("http://127.0.0.1:")
            assert info["events"] == [upstream.event_id] and info["access_code"] is False
            ping = f"/api/v1/ext/{upstream.org_id}/event/{upstream.event_id}/ping"
            assert httpx.get(info["base_url"] + ping).status_code == 200
            assert httpx.get(info["base_url"] + "/healthz").json() == {"status": "ok"}
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=15)
            assert proc.returncode == 0, err
            assert out == ""
            assert "/ping -> 200" in err  # one log line per call, on stderr
            assert upstream.api_key not in err
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
