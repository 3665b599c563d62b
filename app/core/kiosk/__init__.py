"""Kiosk pieces that need no Qt: options, the staff PIN, free space, the phone hand-off."""
