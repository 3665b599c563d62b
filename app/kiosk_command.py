"""The kiosk's command-line side: `--kiosk` and its flags, and `set-kiosk-pin`.

Kept out of `app.cli` so the composition root only wires; no Qt is imported here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

TYPE_CHECKING = False  # not `typing`'s: `--help` loads this module and no more than argparse
if TYPE_CHECKING:  # what only a kiosk run needs loads then
    from app.core.kiosk.options import KioskOptions
    from app.core.profile import KioskProfile

NO_PIN = "kiosk mode needs a staff PIN to leave it: run `photo-retriever set-kiosk-pin` first."


def _idle_seconds(text: str) -> int:
    from app.core.kiosk.options import MIN_IDLE_S

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of seconds: {text!r}") from None
    if value < MIN_IDLE_S:
        raise argparse.ArgumentTypeError(f"at least {MIN_IDLE_S} seconds")
    return value


def add_kiosk_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("kiosk (the finish-area touch screen)")
    group.add_argument(
        "--kiosk", action="store_true", help="locked full screen for a stream of runners"
    )
    group.add_argument(
        "--idle-seconds",
        type=_idle_seconds,
        metavar="N",
        help="start over after N seconds without input (default 90)",
    )
    group.add_argument(
        "--export-dir", metavar="DIR", help="a fixed folder the kiosk saves runners' photos to"
    )
    group.add_argument("--no-phone", action="store_true", help="do not offer “Send to my phone”")
    group.add_argument(
        "--selfie-folder",
        metavar="DIR",
        help="where a staff-run camera drops selfies (offers search by selfie)",
    )


def add_set_pin_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    commands.add_parser("set-kiosk-pin", help="set the staff PIN that unlocks kiosk mode")


def kiosk_options(
    args: argparse.Namespace, profile: KioskProfile | None = None
) -> KioskOptions | None:
    """The kiosk's options: the flags over the organiser profile's `[kiosk]` table over the
    defaults; None unless `--kiosk` or the profile's `enabled = true` asks for a kiosk.
    The staff PIN hash comes from this computer's settings (`set-kiosk-pin`), never from a
    profile: a handed-out file with the hash of a short PIN is cracked offline in minutes."""
    if not (getattr(args, "kiosk", False) or (profile is not None and profile.enabled)):
        return None
    from app.core.kiosk.options import KioskOptions
    from app.core.profile import KioskProfile
    from app.core.settings import load_settings

    shipped = profile or KioskProfile()
    return KioskOptions.from_flags(
        idle_seconds=args.idle_seconds if args.idle_seconds is not None else shipped.idle_seconds,
        export_dir=args.export_dir or shipped.export_dir,
        no_phone=args.no_phone or not shipped.phone_handoff,
        selfie_folder=args.selfie_folder or shipped.selfie_folder,
        pin_hash=load_settings().kiosk_pin_hash,
    )


def run_set_pin(read: Callable[[str], str] | None = None) -> int:
    """Ask twice (`read` defaults to `getpass.getpass`), store only the salted hash.
    0 when stored, 2 otherwise."""
    from app.core.kiosk.pin import PinError, check_new_pin, hash_pin

    if read is None:
        import getpass

        read = getpass.getpass
    try:
        pin = check_new_pin(read("New staff PIN (digits, at least 4): "))
        if read("Again: ").strip() != pin:
            print("photo-retriever: the two PINs differ; nothing changed.", file=sys.stderr)
            return 2
    except PinError as exc:
        print(f"photo-retriever: {exc}; nothing changed.", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\nphoto-retriever: nothing changed.", file=sys.stderr)
        return 2
    from app.core.settings import read_settings, save_settings

    loaded = read_settings()
    if not loaded.writable:  # a newer or unreadable file is kept, never written over
        print(
            f"photo-retriever: the settings file {loaded.path} was not written by this version "
            "or cannot be read; nothing changed.",
            file=sys.stderr,
        )
        return 2
    settings = loaded.settings
    settings.kiosk_pin_hash = hash_pin(pin)
    save_settings(settings)
    print("Staff PIN set.")
    return 0
