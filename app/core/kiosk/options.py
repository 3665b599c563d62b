"""`KioskOptions`: every kiosk knob in one small object.

Built from the command line today (`from_flags`); an organiser profile or the settings
can build the same object, so the window never reads flags itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_IDLE_S = 90
DEFAULT_COUNTDOWN_S = 10
DEFAULT_PHONE_TTL_S = 300
MIN_IDLE_S = 5
"""The least `--idle-seconds` (tests may build shorter ones)."""


@dataclass(frozen=True)
class KioskOptions:
    """How the kiosk behaves; staff choose, the public cannot change any of it."""

    idle_seconds: float = DEFAULT_IDLE_S
    """Seconds without input before the countdown starts."""
    countdown_seconds: float = DEFAULT_COUNTDOWN_S
    """How long "Starting over in 10 s" is shown before the reset."""
    export_dir: Path | None = None
    """A fixed export folder chosen by staff; offered beside removable drives."""
    usb_export: bool = True
    """List removable drives for "Save to USB"."""
    phone_handoff: bool = True
    """Offer "Send to my phone" (a QR code for a page served on the LAN)."""
    phone_ttl_seconds: float = DEFAULT_PHONE_TTL_S
    """How long a phone link stays valid."""
    phone_host: str | None = None
    """The address the phone page listens on; None: this PC's LAN address."""
    wifi_name: str | None = None
    """The Wi-Fi a phone must join to reach the kiosk, as staff want it shown."""
    bib_letters: bool = True
    """Letters on the keypad (some events have BIBs such as A17)."""
    selfie_folder: Path | None = None
    """Where a staff-run camera or booth drops selfies; None: no selfie search."""
    pin_hash: str | None = field(default=None, repr=False)
    """The staff PIN's salted scrypt hash; kiosk mode does not start without one."""

    def __post_init__(self) -> None:
        if self.idle_seconds <= 0 or self.countdown_seconds < 0:
            raise ValueError("idle and countdown times must be positive")

    @classmethod
    def from_flags(
        cls,
        *,
        idle_seconds: float | None = None,
        export_dir: str | None = None,
        no_phone: bool = False,
        selfie_folder: str | None = None,
        pin_hash: str | None = None,
    ) -> KioskOptions:
        """From `--idle-seconds`, `--export-dir`, `--no-phone`, `--selfie-folder`."""
        return cls(
            idle_seconds=DEFAULT_IDLE_S if idle_seconds is None else idle_seconds,
            export_dir=Path(export_dir).expanduser() if export_dir else None,
            phone_handoff=not no_phone,
            selfie_folder=Path(selfie_folder).expanduser() if selfie_folder else None,
            pin_hash=pin_hash,
        )
