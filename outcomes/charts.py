"""Charts drawn on the server as SVG: no script, no third-party host, nothing the Content-Security-Policy refuses.
Each is an image with a title and a description; the table under it (outcomes templates) holds every number."""
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

COLOURS = ("#1d70b8", "#d4351c", "#00703c")  # GOV.UK blue, red, green: apart for colour blindness and in grey
LINE_DASHES = ("", "6 4", "2 3")  # and apart without colour
WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 32, 16, 40
ROW_HEIGHT = 22


def nice_top(value, percent):
    if percent:
        return 100
    top = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top <= step * 4:
            return step * ((top + step - 1) // step)
    return top


def lines(measure, chart_id):
    """Lines over the weeks, one a plotted column; a week with no value leaves a gap."""
    rows, plotted = measure.rows, measure.plot
    values = [row[i] for row in rows for i in plotted if row[i] is not None]
    top = nice_top(max(values, default=0), measure.percent)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(rows) - 1, 1)

    def x(index):
        return LEFT + index * step

    def y(value):
        return TOP + inner_h * (1 - value / top)

    parts = []
    for fraction in (0, 0.5, 1):
        value = top * fraction
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#b1b4b6" stroke-width="1"/>'
            '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#0b0c0c">{}</text>',
            LEFT, WIDTH - RIGHT, round(y(value), 1), round(y(value), 1), LEFT - 6, round(y(value) + 4, 1),
            f"{value:g}{'%' if measure.percent else ''}",
        ))
    every = max(1, len(rows) // 6)
    for index, row in enumerate(rows):
        if index % every == 0:
            parts.append(format_html('<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#0b0c0c">{}</text>',
                                     round(x(index), 1), HEIGHT - BOTTOM + 18, format_date(row[0], "j M")))
    for n, column in enumerate(plotted):
        colour, dash = COLOURS[n % len(COLOURS)], LINE_DASHES[n % len(LINE_DASHES)]
        for segment in _segments(rows, column):
            points = " ".join(f"{round(x(i), 1)},{round(y(v), 1)}" for i, v in segment)
            parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="3" '
                                     'stroke-dasharray="{}"/>', points, colour, dash))
            parts.extend(format_html('<circle cx="{}" cy="{}" r="3" fill="{}"/>', round(x(i), 1), round(y(v), 1),
                                     colour) for i, v in segment)
    return _svg(measure, chart_id, HEIGHT, mark_safe("".join(parts)))


def _segments(rows, column):
    segment, segments = [], []
    for index, row in enumerate(rows):
        if row[column] is None:
            if segment:
                segments.append(segment)
            segment = []
        else:
            segment.append((index, row[column]))
    return segments + ([segment] if segment else [])


def bars(measure, chart_id):
    """Horizontal bars, a group of one bar a plotted column for each row."""
    rows, plotted = measure.rows, measure.plot
    top = nice_top(max((row[i] for row in rows for i in plotted), default=0), measure.percent)
    label_w, group_h = 260, ROW_HEIGHT * len(plotted) + 8
    height = TOP + group_h * max(len(rows), 1) + 8
    inner_w = WIDTH - label_w - RIGHT - 40
    parts = []
    for r, row in enumerate(rows):
        group_y = TOP + r * group_h
        parts.append(format_html('<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#0b0c0c">{}</text>',
                                 label_w - 8, group_y + group_h / 2, _short(str(row[0]))))
        for n, column in enumerate(plotted):
            width = inner_w * row[column] / top
            bar_y = group_y + n * ROW_HEIGHT
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12" fill="#0b0c0c">{}</text>',
                label_w, bar_y, round(width, 1), ROW_HEIGHT - 4, COLOURS[n % len(COLOURS)],
                round(label_w + width + 4, 1), bar_y + ROW_HEIGHT - 8, row[column],
            ))
    return _svg(measure, chart_id, height, mark_safe("".join(parts)))


def _short(label, most=36):
    return label if len(label) <= most else label[: most - 1] + "…"


def _svg(measure, chart_id, height, body):
    return format_html(
        '<svg class="outcomes-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{} The table below '
        'the chart has every number.</desc>{}</svg>',
        WIDTH, height, chart_id, chart_id, chart_id, measure.title, chart_id, measure.summary, body,
    )


def legend(measure):
    """[(colour, dash, column name)] of what the chart draws."""
    dashes = ("",) if measure.kind == "bars" else LINE_DASHES
    return [(COLOURS[n % len(COLOURS)], dashes[n % len(dashes)], measure.columns[column])
            for n, column in enumerate(measure.plot)]


def chart(measure):
    chart_id = f"chart-{measure.key}"
    return bars(measure, chart_id) if measure.kind == "bars" else lines(measure, chart_id)
