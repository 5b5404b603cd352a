"""The kernel's SVG charts and progress bars."""

from __future__ import annotations

import re

from django.utils import translation

from lindung.common import charts


def _font_sizes(svg: str) -> set[int]:
    return {int(size) for size in re.findall(r'font-size="(\d+)"', svg)}


def test_labels_and_titles_are_escaped() -> None:
    svg = charts.columns(title="<script>x</script>", labels=["2018", "a&b"],
                         series=[charts.Series("non-prosedural", [3, 5], charts.BAD),
                                 charts.Series("prosedural", [1, 0])])
    assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
    assert "a&amp;b" in svg and svg.count("<rect") == 4 + 2      # bars + legend keys
    rows = charts.bars(title='<b>"x"</b>', rows=[("<script>alert(1)</script>", 5)])
    assert "<script>" not in rows and "&lt;script&gt;" in rows and "&lt;b&gt;" in rows


def test_counts_get_whole_number_ticks() -> None:
    assert charts.ticks(1) == [0, 1]
    assert charts.ticks(3) == [0, 1, 2, 3]
    assert charts.ticks(7) == [0, 2, 4, 6, 8]
    assert charts.ticks(0) == [0, 1]
    assert all(t == int(t) for t in charts.ticks(2, whole=True))
    assert charts.ticks(2, whole=False) == [0, 0.5, 1.0, 1.5, 2.0]
    svg = charts.columns(title="Dicegah", labels=["12/2026"],
                         series=[charts.Series("orang", [2])])
    axis = re.findall(r'text-anchor="end" fill="#57606a">([^<]+)<', svg)
    assert axis == ["0", "1", "2"]


def test_a_single_month_is_a_column_not_a_block_and_text_stays_readable() -> None:
    svg = charts.columns(title="Orang dicegah per bulan", labels=["12/2026"],
                         series=[charts.Series("orang", [14])])
    widths = [float(w) for w in re.findall(r'<rect x="[^"]+" y="[^"]+" width="([^"]+)"', svg)]
    assert widths and max(widths) <= charts.MAX_BAR
    # Drawn at its natural size (not stretched to the page): 12 px text everywhere.
    assert f'width="{charts.WIDTH}"' in svg and _font_sizes(svg) == {12}
    rows = charts.bars(title="Menurut lokasi", rows=[("Tenau", 5), ("El Tari", 0)])
    assert _font_sizes(rows) == {12} and f'width="{charts.WIDTH}"' in rows


def test_many_months_thin_their_labels_so_they_do_not_overlap() -> None:
    labels = [f"{m:02d}/2026" for m in range(1, 13)] + [f"{m:02d}/2027" for m in range(1, 13)]
    svg = charts.columns(title="Laporan per bulan", labels=labels,
                         series=[charts.Series("laporan", list(range(24)))])
    shown = [label for label in labels if f">{label}<" in svg]
    assert 2 <= len(shown) <= 6 and shown[0] == "01/2026"


def test_values_are_written_in_the_active_language() -> None:
    with translation.override("id"):
        svg = charts.columns(title="Omzet", labels=["01/26"],
                             series=[charts.Series("omzet", [1234567])], unit="Rp")
    assert "omzet, 01/26: 1.234.567 Rp" in svg and "jt" in svg
    with translation.override("en"):
        rows = charts.bars(title="x", rows=[("a", 12345)])
    assert ">12,345<" in rows


def test_empty_charts_say_so() -> None:
    with translation.override("id"):
        assert "belum ada data" in charts.columns(title="kosong", labels=[], series=[])
        assert "belum ada data" in charts.bars(title="kosong", rows=[])
        assert "belum ada data" in charts.share_bar(title="kosong",
                                                    parts=[("produktif", 0, charts.ACCENT)])


def test_a_share_bar_gives_each_part_its_percentage() -> None:
    share = charts.share_bar(title="Remitansi", parts=[("produktif", 30, charts.ACCENT),
                                                       ("konsumtif", 70, charts.WARN)])
    assert "produktif 30%" in share and "konsumtif 70%" in share


def test_progress() -> None:
    assert str(charts.progress(40)) == (
        '<progress class="progress" max="100" value="40">40%</progress>')
    steps = str(charts.progress(3, 8, label="Kelayakan"))
    assert 'max="8" value="3"' in steps and 'aria-label="Kelayakan"' in steps
    assert ">3/8<" in steps
    assert 'value="100"' in str(charts.progress(120))
