"""Build the Windows `.ico` and macOS `.icns` from the PNG icon set, with Pillow.

The PNGs in `resources/icons/` are the source (drawn from the SVG); run this after
changing them and commit the results:  python packaging/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def _largest() -> Image.Image:
    return Image.open(ICONS / "photo-retriever-256.png").convert("RGBA")


def make_ico(out: Path) -> None:
    """Every size Windows asks for; Pillow scales from the largest and keeps the exact
    PNGs where we ship them."""
    exact = {
        size: Image.open(p).convert("RGBA")
        for size in ICO_SIZES
        if (p := ICONS / f"photo-retriever-{size}.png").is_file()
    }
    base = _largest()
    sizes = [(s, s) for s in ICO_SIZES]
    base.save(out, format="ICO", sizes=sizes, append_images=list(exact.values()))


def make_icns(out: Path) -> None:
    """macOS wants up to 1024 px; above 256 the image is scaled up smoothly from 256."""
    base = _largest()
    big = base.resize((1024, 1024), Image.Resampling.LANCZOS)
    big.save(out, format="ICNS", sizes=[(s, s) for s in ICNS_SIZES])


def main() -> None:
    make_ico(ICONS / "photo-retriever.ico")
    make_icns(ICONS / "photo-retriever.icns")
    for name in ("photo-retriever.ico", "photo-retriever.icns"):
        print(f"{name}: {(ICONS / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
