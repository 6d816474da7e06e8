"""The table of stroke counts behind surname-stroke order: built from Unihan's kTotalStrokes.

`strokes.bin` (next to this module) holds, zlib-compressed, one byte per code point from U+3400 to
U+323AF: the character's total strokes as counted in mainland China (the first, G-source value of
Unihan's kTotalStrokes: 阝 is 2 strokes, 艹 3), 0 where Unihan gives none.

The counts are Unicode data (© Unicode, Inc., Unicode License v3, which allows redistribution).
Regenerate it from a newer Unicode release with `make stroke-table`, which runs
`python -m consult.members.stroke_table /usr/share/unicode/Unihan_IRGSources.txt.bz2` (Debian's
unicode-data package).
"""

from __future__ import annotations

import bz2
import sys
import zlib
from pathlib import Path

FIRST = 0x3400
LAST = 0x323AF
TABLE = Path(__file__).with_name("strokes.bin")


def build_table(unihan_lines) -> bytes:
    """Return the compressed table from the lines of Unihan_IRGSources.txt (the kTotalStrokes entries)."""
    counts = bytearray(LAST - FIRST + 1)
    for line in unihan_lines:
        if "\tkTotalStrokes\t" not in line:
            continue
        code, _field, value = line.rstrip("\n").split("\t")
        point = int(code.removeprefix("U+"), 16)
        if FIRST <= point <= LAST:
            counts[point - FIRST] = min(int(value.split()[0]), 255)  # the first value: the G (mainland) count
    return zlib.compress(bytes(counts), 9)


def load_table() -> bytes:
    """Return the uncompressed table: byte i is the strokes of U+3400 + i (0: unknown)."""
    return zlib.decompress(TABLE.read_bytes())


def main(argv: list[str]) -> int:
    """Write strokes.bin from the Unihan file named in argv[1]; return the exit status."""
    if len(argv) != 2:
        print("usage: python -m consult.members.stroke_table Unihan_IRGSources.txt[.bz2]", file=sys.stderr)
        return 2
    source = argv[1]
    opener = bz2.open if source.endswith(".bz2") else open
    with opener(source, "rt", encoding="utf-8") as lines:
        TABLE.write_bytes(build_table(lines))
    print(f"wrote {TABLE} ({TABLE.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
