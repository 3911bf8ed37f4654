#!/usr/bin/env python3
"""SVG charts of the side-by-side benchmark's Markdown report (scripts/bench.sh), Python 3 standard library only.

Reads every table whose first column is "server" under a Markdown heading (a suite of the report), and writes
for each chartable column of it (requests/s, handshakes/s, server CPU per request or per handshake, heap per
idle session) one SVG: lines by number of clients for each server when the table has several client counts,
else bars per server. It also writes each table as CSV. Generic over suites: a new suite whose table has these
columns gets its charts without a change here.

    scripts/bench_charts.py REPORT.md --out-dir DIR [--docs docs/BENCHMARKS.md]

With --docs, REPORT.md is read from the latest-results section of that file, and its "### Charts" part is
replaced by links to the SVGs (DIR relative to the file).
"""
import argparse
import csv
import html
import math
import os
import re
import sys

BEGIN = "<!-- bench:latest:begin"
END = "<!-- bench:latest:end -->"
X_COLUMNS = ("clients", "handshakers", "idle sessions")
# column of the report -> (file suffix, axis label)
METRICS = (
    ("req/s", "requests", "requests/s"),
    ("handshakes/s", "handshakes", "handshakes/s"),
    ("server CPU µs/req", "cpu-per-request", "server CPU µs per request"),
    ("server CPU µs/handshake", "cpu-per-handshake", "server CPU µs per handshake"),
    ("heap bytes/idle session", "heap-per-session", "heap bytes per idle session"),
)
COLORS = ("#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 210, 40, 50


class Table:
    def __init__(self, title, header, rows):
        self.title = title
        self.header = header
        self.rows = rows

    def column(self, name):
        return self.header.index(name) if name in self.header else -1


def cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def tables(markdown):
    """Every table whose first column is "server", with the title of the heading above it."""
    found = []
    title = ""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = re.match(r"#{2,6}\s+(.*)", line)
        if heading:
            title = heading.group(1).strip()
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"\|\s*-", lines[i + 1]):
            header = cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            if header and header[0] == "server":
                found.append(Table(title, header, [row for row in rows if len(row) == len(header)]))
            continue
        i += 1
    return found


def number(text):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def short_title(title):
    """The heading without its parenthesised details: "Full PSK handshakes (4 handshakers, ...)" -> "Full PSK handshakes"."""
    return title.split(" (")[0].strip()


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def nice_max(value):
    """A round axis maximum at or above value: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def fmt(value):
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}"


def svg_frame(title, y_label, y_max, parts):
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="15">{html.escape(title)}</text>']
    for k in range(6):
        value = y_max * k / 5
        y = TOP + plot_h - plot_h * k / 5
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(value)}</text>')
    out.append(f'<text transform="translate(16 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">'
               f'{html.escape(y_label)}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#333"/>')
    out.extend(parts)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def legend(servers):
    parts = []
    for k, server in enumerate(servers):
        y = TOP + 10 + 18 * k
        x = WIDTH - RIGHT + 12
        parts.append(f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{COLORS[k % len(COLORS)]}"/>')
        parts.append(f'<text x="{x + 18}" y="{y + 1}">{html.escape(server)}</text>')
    return parts


def line_chart(title, x_label, y_label, xs, series):
    """series: {server: {x: y}}; xs: the x values in order, spaced evenly."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y_max = nice_max(max(y for points in series.values() for y in points.values()))
    position = {x: LEFT + plot_w * (k + 0.5) / len(xs) for k, x in enumerate(xs)}
    parts = [f'<text x="{position[x]:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{fmt(x)}</text>' for x in xs]
    parts.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 10}" text-anchor="middle">{html.escape(x_label)}</text>')
    for k, (server, points) in enumerate(series.items()):
        color = COLORS[k % len(COLORS)]
        coords = [(position[x], TOP + plot_h - plot_h * points[x] / y_max) for x in xs if x in points]
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
        for (x, y), value in zip(coords, [points[x] for x in xs if x in points]):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}">'
                         f'<title>{html.escape(server)}: {fmt(value)}</title></circle>')
    return svg_frame(title, y_label, y_max, parts + legend(list(series)))


def bar_chart(title, y_label, values):
    """values: {server: y}, one bar each."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    y_max = nice_max(max(values.values()))
    slot = plot_w / len(values)
    parts = []
    for k, (server, value) in enumerate(values.items()):
        height = plot_h * value / y_max
        x = LEFT + slot * k + slot * 0.15
        parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{slot * 0.7:.1f}" '
                     f'height="{height:.1f}" fill="{COLORS[k % len(COLORS)]}"/>')
        parts.append(f'<text x="{x + slot * 0.35:.1f}" y="{TOP + plot_h - height - 4:.1f}" '
                     f'text-anchor="middle">{fmt(value)}</text>')
    return svg_frame(title, y_label, y_max, parts + legend(list(values)))


def charts(table):
    """(file name, chart title, svg) for each chartable column of table."""
    x_index = next((table.column(name) for name in X_COLUMNS if table.column(name) >= 0), -1)
    x_label = table.header[x_index] if x_index >= 0 else ""
    base = slug(short_title(table.title)) or "results"
    made = []
    for column, suffix, label in METRICS:
        index = table.column(column)
        if index < 0:
            continue
        series = {}
        for row in table.rows:
            value = number(row[index])
            x = number(row[x_index]) if x_index >= 0 else 0.0
            if value is None or x is None:
                continue
            series.setdefault(row[0], {})[x] = value
        if not series:
            continue
        xs = sorted({x for points in series.values() for x in points})
        title = f"{short_title(table.title)}: {label}"
        if len(xs) > 1:
            svg = line_chart(title, x_label, label, xs, series)
        else:
            svg = bar_chart(title, label, {server: points[xs[0]] for server, points in series.items()})
        made.append((f"{base}-{suffix}.svg", title, svg))
    return base, made


def latest_section(text):
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < 0:
        sys.exit(f"bench_charts: no {BEGIN} ... {END} section")
    return text[start:end]


def link_charts(docs_path, links):
    """Replaces the "### Charts" part of the latest-results section of docs_path with links to the charts."""
    with open(docs_path, encoding="utf-8") as f:
        text = f.read()
    end = text.find(END)
    charts_at = text.rfind("\n### Charts\n", text.find(BEGIN), end)
    body = "\n### Charts\n\n" + "".join(f"![{title}]({path})\n\n" for path, title in links)
    if charts_at < 0:
        text = text[:end] + body.lstrip("\n") + text[end:]
    else:
        text = text[:charts_at] + body + text[end:]
    with open(docs_path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description="SVG charts of scripts/bench.sh's Markdown report")
    parser.add_argument("report", help="the report (bench/target/bench-results.md), or the docs page with --docs")
    parser.add_argument("--out-dir", required=True, help="where the SVG and CSV files go")
    parser.add_argument("--docs", action="store_true",
                        help="REPORT is docs/BENCHMARKS.md: chart its latest results and link the charts there")
    args = parser.parse_args(argv)
    with open(args.report, encoding="utf-8") as f:
        text = f.read()
    if args.docs:
        text = latest_section(text)
    os.makedirs(args.out_dir, exist_ok=True)
    links = []
    for table in tables(text):
        base, made = charts(table)
        with open(os.path.join(args.out_dir, base + ".csv"), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(table.header)
            writer.writerows(table.rows)
        for name, title, svg in made:
            with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
                f.write(svg)
            links.append((os.path.relpath(os.path.join(args.out_dir, name), os.path.dirname(os.path.abspath(args.report))
                                          if args.docs else "."), title))
    if args.docs:
        link_charts(args.report, links)
    for path, title in links:
        print(f"chart: {path} ({title})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
