"""The server-side charts: standalone SVG without scripts, the same bytes for the same figures."""

import xml.etree.ElementTree as ET

import pytest

from consult.charts import Series, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: bytes) -> list[str]:
    return [el.text for el in ET.fromstring(svg).iter(f"{SVG}text") if el.text]


@pytest.mark.parametrize("stacked", [False, True])
@pytest.mark.parametrize("horizontal", [False, True])
def test_chart_is_svg_with_its_labels_and_values_and_no_script(stacked, horizontal):
    svg = bar_chart("出席情况", ["常委会议", "主席会议"], [Series("出席", (3, 14)), Series("请假", (1, 0))],
                    stacked=stacked, horizontal=horizontal)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}script"))
    texts = _texts(svg)
    assert "出席情况" in texts and "常委会议" in texts and "主席会议" in texts
    assert "出席" in texts and "请假" in texts
    assert "14" in texts and "3" in texts


def test_same_figures_same_bytes_other_figures_other_bytes():
    def chart(values):
        return bar_chart("意见建议", ["中共", "民革"], [Series("条数", values)])

    assert chart((2, 5)) == chart((2, 5))
    assert chart((2, 5)) != chart((2, 6))


def test_no_data_text_and_one_value_per_label():
    assert "暂无数据" in _texts(bar_chart("空", [], [], no_data="暂无数据"))
    with pytest.raises(ValueError):
        bar_chart("x", ["a", "b"], [Series("s", (1,))])


def test_markup_in_labels_stays_text():
    svg = bar_chart("<script>alert(1)</script>", ["<b>x</b>"], [Series("&", (1,))])
    assert b"<script" not in svg
    assert "<script>alert(1)</script>" in _texts(svg)


def test_a_failed_import_stays_a_plain_import_error_once_the_charts_are_loaded():
    """pygal's finder for map plugins would turn every failed import of the process into an ImportWarning."""
    import importlib
    import warnings

    import consult.charts  # noqa: F401

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module("consult_no_such_module")
