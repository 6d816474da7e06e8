"""Small charts drawn on the server as SVG with pygal: bars of counts, readable on paper and in both languages.

Pure: callers pass translated titles and labels, and get the bytes of a standalone SVG document back. The SVG
carries no script (pygal's configuration script is removed) and its element id comes from its content, so the
same figures give the same bytes. Pages show a chart as `<img src="….svg">` beside a table of the same figures
(charts_views.svg_response serves it), so the page itself needs no inline script or style.
"""

from __future__ import annotations

import hashlib
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

import pygal
from pygal.style import Style

# pygal appends to sys.meta_path a finder for its map plugins (unused here) that has no find_spec: every import that
# fails anywhere in the process (ZoneInfo of an unknown zone, an optional module) then raises an ImportWarning,
# which the tests turn into an error. Without map plugins it finds nothing anyway.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder) is not pygal.PluginImportFixer]

# Fonts that draw Chinese on the machines our users have (Windows, macOS, phones, Linux with Noto CJK).
FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", sans-serif'
# Dark enough to tell apart when printed in grey: present, on leave, absent, not recorded …
COLOURS = ("#2e6b3f", "#c08a00", "#b22222", "#4a6fa5", "#7a5c99", "#888888")

_STYLE = Style(
    font_family=FONTS,
    label_font_family=FONTS,
    major_label_font_family=FONTS,
    value_font_family=FONTS,
    title_font_family=FONTS,
    legend_font_family=FONTS,
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#222222",
    foreground_strong="#111111",
    foreground_subtle="#cccccc",
    colors=COLOURS,
    title_font_size=18,
    label_font_size=14,
    major_label_font_size=14,
    legend_font_size=14,
    value_font_size=13,
    opacity="1",
    opacity_hover="1",
    guide_stroke_color="#dddddd",
    major_guide_stroke_color="#bbbbbb",
)


@dataclass(frozen=True)
class Series:
    """One coloured set of bars: its name in the legend and one value per label."""

    name: str
    values: tuple[int | float, ...]


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = False,
    horizontal: bool = False,
    no_data: str = "—",
    width: int = 720,
    height: int | None = None,
) -> bytes:
    """Return a standalone SVG (UTF-8 bytes) of bars: one group per label, one bar per series (stacked on one
    another when `stacked`, lying when `horizontal`). Values print on the bars; `no_data` shows when there is
    nothing to draw. Raises ValueError when a series has not one value per label."""
    for one in series:
        if len(one.values) != len(labels):
            raise ValueError(f"series {one.name!r} has {len(one.values)} values for {len(labels)} labels")
    kind = {
        (False, False): pygal.Bar,
        (True, False): pygal.StackedBar,
        (False, True): pygal.HorizontalBar,
        (True, True): pygal.HorizontalStackedBar,
    }[(stacked, horizontal)]
    if height is None:
        height = max(320, 60 + 34 * len(labels)) if horizontal else 360
    chart = kind(
        js=[],
        style=_STYLE,
        width=width,
        height=height,
        title=title,
        print_values=True,
        print_zeroes=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=min(max(len(series), 1), 4),
        truncate_label=-1,
        truncate_legend=-1,
        x_label_rotation=0 if horizontal or len(labels) <= 8 else 30,
        no_data_text=no_data,
        show_y_guides=True,
        value_formatter=_number,
        disable_xml_declaration=True,
    )
    chart.uuid = hashlib.sha256(repr((kind.__name__, title, tuple(labels), tuple(series))).encode()).hexdigest()[:16]
    chart.x_labels = list(labels)
    for one in series:
        chart.add(one.name, list(one.values))
    return _without_scripts(chart.render(is_unicode=True))


def _number(value) -> str:
    """Return a count as it is printed on a bar: whole numbers without a decimal point."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _without_scripts(svg: str) -> bytes:
    """Return `svg` as UTF-8 bytes without its <script> elements and without pygal's dated comment, so the same
    chart is the same bytes on any day."""
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.endswith("}script"):
                parent.remove(child)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)
