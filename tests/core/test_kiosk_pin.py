"""The staff PIN: salted scrypt hashes, and a gate whose delay grows with wrong PINs."""

from __future__ import annotations

import pytest

from app.core.kiosk.pin import PinError, PinGate, hash_pin, verify_pin

FAST_N = 2**10  # cheap hashes keep the tests quick; the app uses 2**14


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_hash_is_salted_and_checks_only_its_pin() -> None:
    first, second = hash_pin("2468", n=FAST_N), hash_pin("2468", n=FAST_N)
    assert first != second  # fresh salt each time
    assert first.startswith("scrypt$1024$")
    assert "2468" not in first
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)
    assert not verify_pin("", first)


@pytest.mark.parametrize("stored", ["", "plain", "md5$1$2$3$00$00", "scrypt$x$8$1$00$00"])
def test_a_broken_hash_matches_nothing(stored: str) -> None:
    assert not verify_pin("2468", stored)


@pytest.mark.parametrize("pin", ["12", "abcd", "12 34", "١٢٣٤"])
def test_a_weak_or_odd_pin_cannot_be_set(pin: str) -> None:
    with pytest.raises(PinError):
        hash_pin(pin, n=FAST_N)


def test_the_gate_lets_the_right_pin_through_and_slows_wrong_ones() -> None:
    clock = Clock()
    gate = PinGate(hash_pin("2468", n=FAST_N), clock=clock)
    assert gate.check("1111").wait_s == 0  # a slip is free
    assert gate.check("1111").wait_s == 0
    third = gate.check("1111")
    assert not third.ok and third.wait_s == 2.0
    # while the delay runs even the right PIN is not looked at
    early = gate.check("2468")
    assert not early.ok and 0 < early.wait_s <= 2.0
    clock.now += 2.0
    assert gate.check("1111").wait_s == 4.0  # it doubles
    clock.now += 4.0
    assert gate.check("2468").ok
    assert gate.failures == 0
    assert gate.check("1111").wait_s == 0  # the count starts again


def test_the_delay_is_capped() -> None:
    gate = PinGate("scrypt$1$1$1$00$00")
    assert gate.delay_after(40) == 300.0


def test_without_a_stored_pin_nothing_opens() -> None:
    answer = PinGate(None).check("2468")
    assert not answer.ok and answer.not_set
