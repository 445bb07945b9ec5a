"""The charts' geometry: numbers in, coordinates out (no database, no Django)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lingong.stats.charts import INSIDE_FROM, bars, columns, map_points, number_text, scale_top, station_map


@dataclass(frozen=True)
class Place:
    code: str
    lat: float
    lon: float


# The district's four, as stations/data.py places them
MARKET = Place("market", 29.6685, 91.1356)
JINZHU = Place("jinzhu-xilu", 29.6502, 91.0873)
GAMA = Place("gama-gongsang", 29.6448, 91.1512)
GONGDELIN = Place("gongdelin", 29.6519, 91.1148)


@pytest.mark.parametrize(
    ("maximum", "top", "step"),
    [(0, 1, 1), (-3, 1, 1), (1, 1, 1), (3, 3, 1), (5, 6, 2), (7, 8, 2), (10, 10, 5), (100, 100, 50), (101, 150, 50)],
)
def test_the_scale_reaches_the_largest_value_in_at_most_four_round_steps(maximum, top, step):
    assert scale_top(maximum) == (top, step)


def test_numbers_are_written_as_the_tables_write_them():
    assert (number_text(0), number_text(999), number_text(19593)) == ("0", "999", "19,593")


def test_columns_stand_on_the_baseline_in_proportion_to_their_values():
    chart = columns([("12-01", 2), ("12-02", 0), ("12-03", 4)], width=400, height=220, text=14)
    first, empty, last = chart.columns
    assert [t.value for t in chart.ticks] == [0, 1, 2, 3, 4]
    plot = chart.baseline - chart.top
    assert (last.height, first.height, empty.height) == (round(plot, 1), round(plot / 2, 1), 0)
    assert all(round(c.y + c.height, 1) == chart.baseline for c in chart.columns)
    assert first.x < empty.x < last.x and chart.left <= first.x and last.x + last.width <= chart.right
    assert [c.show_value for c in chart.columns] == [True, True, True]
    assert [c.value_text for c in chart.columns] == ["2", "0", "4"]
    assert chart.ticks[-1].y == chart.top and chart.ticks[0].y == chart.baseline


def test_a_single_column_is_centred_and_not_wider_than_a_column_may_be():
    chart = columns([("2026-12", 7)])
    [column] = chart.columns
    assert column.width == 48.0
    assert column.text_x == pytest.approx((chart.left + chart.right) / 2, abs=0.1)
    assert column.show_value and column.show_label


def test_nothing_happened_draws_flat_columns_and_no_division_by_zero():
    chart = columns([("12-01", 0), ("12-02", 0)])
    assert [c.height for c in chart.columns] == [0, 0]
    assert [t.value for t in chart.ticks] == [0, 1]


def test_no_points_is_an_empty_chart():
    chart = columns([])
    assert chart.empty and chart.columns == ()


def test_a_month_of_days_keeps_only_the_highest_value_and_every_few_labels():
    points = [(f"12-{d:02}", 100 + d) for d in range(1, 31)]
    chart = columns(points, width=400, text=14)
    shown = [c for c in chart.columns if c.show_value]
    assert [c.label for c in shown] == ["12-30"]  # 3-digit numbers do not fit 30 columns in 400 units
    labels = [c for c in chart.columns if c.show_label]
    assert labels[0].label == "12-01" and 3 <= len(labels) <= 10
    gap = labels[1].text_x - labels[0].text_x
    assert gap >= len("12-01") * 0.6 * 14  # no label overlaps the next


def test_bars_share_one_scale_and_carry_their_numbers_inside_or_after_them():
    chart = bars(
        [("金珠西路", (40, 10), ""), ("功德林", (0, 20), "")], ("placements", "registered"), bar_height=20, gap=4
    )
    (long, short), (nothing, half) = (row.bars for row in chart.rows)
    assert chart.maximum == 40
    assert (long.length, short.length, nothing.length, half.length) == (100.0, 25.0, 0.0, 50.0)
    assert long.text_inside and long.text_dx < 0  # ends inside its bar
    assert not short.text_inside and short.text_dx > 0 and short.text_x == 25.0  # after its end
    assert half.length < INSIDE_FROM and not half.text_inside
    assert (long.series, short.series) == (0, 1) and (long.y, short.y) == (0, 24)
    assert chart.rows[0].height == 44
    assert [b.value_text for row in chart.rows for b in row.bars] == ["40", "10", "0", "20"]


def test_a_tiny_value_still_shows_and_all_zero_draws_no_bar():
    chart = bars([("a", (1000, 1), "")], ("x", "y"))
    assert chart.rows[0].bars[1].length == 0.6
    zero = bars([("a", (0, 0), "gap 0")], ("x", "y"))
    assert [b.length for b in zero.rows[0].bars] == [0, 0] and zero.rows[0].note == "gap 0"


def test_bars_refuse_a_row_without_a_value_for_every_series():
    with pytest.raises(ValueError):
        bars([("a", (1,), "")], ("x", "y"))
    assert bars([], ("x", "y")).empty


def test_map_points_keep_north_up_and_east_right():
    points = {
        p.station.code: p for p in map_points([MARKET, JINZHU, GAMA, GONGDELIN], width=480, height=420, margin=60)
    }
    # west to east across the square box the margin leaves (300 units), centred in the width
    assert points["jinzhu-xilu"].x == 90.0 and points["gama-gongsang"].x == 390.0
    assert points["market"].y < points["gongdelin"].y < points["jinzhu-xilu"].y < points["gama-gongsang"].y
    assert map_points([], width=480, height=420, margin=60) == []
    [alone] = map_points([GONGDELIN], width=480, height=420, margin=60)
    assert (alone.x, alone.y) == (240.0, 210.0)


def test_the_map_sizes_circles_by_area_and_keeps_every_number_on_the_map():
    chart = station_map(
        [(MARKET, "市场", 0), (JINZHU, "金珠西路", 25), (GAMA, "嘎玛贡桑", 100), (GONGDELIN, "功德林", 1)],
        width=480,
        text=22,
        largest=44,
        smallest=17,
    )
    spots = {s.station.code: s for s in chart.spots}
    assert (
        spots["gama-gongsang"].r == 44.0 and spots["jinzhu-xilu"].r == 22.0
    )  # a quarter of the value: half the radius
    assert spots["market"].r == 17.0 and spots["gongdelin"].r == 17.0  # never too small for its mark
    assert [s.number for s in chart.spots] == [1, 2, 3, 4]
    for spot in chart.spots:
        assert spot.r <= spot.x <= chart.width - spot.r and spot.r <= spot.y <= chart.height - spot.r
        width = len(spot.value_text) * 0.6 * chart.text
        left = spot.text_x if spot.text_anchor == "start" else spot.text_x - width
        assert 0 <= left and left + width <= chart.width
    assert spots["gama-gongsang"].text_anchor == "end"  # at the east edge, its number goes west of it
    assert chart.height < chart.width  # cut to the band the stations span


def test_a_map_of_one_station_or_of_zeros_or_of_none():
    [alone] = station_map([(GONGDELIN, "功德林", 3)]).spots
    assert alone.r == 44.0
    zeros = station_map([(MARKET, "a", 0), (GAMA, "b", 0)])
    assert [s.r for s in zeros.spots] == [17.0, 17.0]
    assert station_map([]).empty
