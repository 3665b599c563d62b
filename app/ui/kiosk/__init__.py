"""Kiosk mode: a locked full-screen shell for the finish area (`photo-retriever --kiosk`).

It reuses the window's objects (`SearchController`, `Selection`, `DownloadController`
and the download engine) and only adds what a public touch screen needs: big controls,
a keypad, an idle reset, export to a drive, a phone hand-off and a staff PIN.
"""
