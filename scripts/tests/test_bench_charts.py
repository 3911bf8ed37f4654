"""Tests of scripts/bench_charts.py on a small report: python3 -m unittest discover -s scripts/tests"""
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import bench_charts  # noqa: E402

REPORT = """# report

<!-- bench:latest:begin (written by scripts/bench.sh) -->

### NoSec: CoAP over UDP

| server | clients | req/s | p50 µs | server CPU µs/req | failed |
|---|---:|---:|---:|---:|---:|
| coaps4j | 1 | 30000 | 25.3 | 20.0 | 0 |
| californium | 1 | 10000 | 63.0 | 60.0 | 0 |
| coaps4j | 16 | 90000 | 141 | 11.0 | 0 |
| californium | 16 | 30000 | 332 | 40.0 | 0 |

| clients | comparison | req/s ratio |
|---:|---|---:|
| 1 | coaps4j vs californium | 3.00 |

#### Full PSK handshakes (4 handshakers, fresh servers)

| server | handshakers | handshakes/s | server CPU µs/handshake |
|---|---:|---:|---:|
| coaps4j | 4 | 5843 | 108 |
| libcoap | 4 | 4687 | 132 |

### Charts

```mermaid
old chart
```

<!-- bench:latest:end -->

after the section
"""

SVG = "{http://www.w3.org/2000/svg}"


class BenchChartsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.docs = os.path.join(self.dir.name, "BENCHMARKS.md")
        with open(self.docs, "w", encoding="utf-8") as f:
            f.write(REPORT)

    def tearDown(self):
        self.dir.cleanup()

    def test_only_server_tables_are_read_with_their_heading(self):
        tables = bench_charts.tables(REPORT)
        self.assertEqual([t.title for t in tables],
                         ["NoSec: CoAP over UDP", "Full PSK handshakes (4 handshakers, fresh servers)"])
        self.assertEqual(tables[0].rows[2], ["coaps4j", "16", "90000", "141", "11.0", "0"])

    def test_several_client_counts_make_lines_one_makes_bars(self):
        out = os.path.join(self.dir.name, "bench")
        bench_charts.main([self.docs, "--out-dir", out, "--docs"])
        self.assertEqual(sorted(os.listdir(out)), [
            "full-psk-handshakes-cpu-per-handshake.svg", "full-psk-handshakes-handshakes.svg",
            "full-psk-handshakes.csv", "nosec-coap-over-udp-cpu-per-request.svg",
            "nosec-coap-over-udp-requests.svg", "nosec-coap-over-udp.csv"])
        lines = ElementTree.parse(os.path.join(out, "nosec-coap-over-udp-requests.svg")).getroot()
        polylines = lines.findall(f"{SVG}polyline")
        self.assertEqual(len(polylines), 2, "one line per server")
        # y grows downwards: coaps4j's 90,000 at 16 clients is drawn above its 30,000 at 1 client
        (x1, y1), (x2, y2) = [tuple(map(float, p.split(","))) for p in polylines[0].get("points").split()]
        self.assertLess(x1, x2)
        self.assertLess(y2, y1)
        texts = [t.text for t in lines.iter(f"{SVG}text")]
        self.assertIn("coaps4j", texts)
        self.assertIn("NoSec: CoAP over UDP: requests/s", texts)
        bars = ElementTree.parse(os.path.join(out, "full-psk-handshakes-cpu-per-handshake.svg")).getroot()
        heights = [float(r.get("height")) for r in bars.findall(f"{SVG}rect") if r.get("width") != "12"][1:]
        self.assertEqual(len(heights), 2, "one bar per server")
        self.assertAlmostEqual(heights[0] / heights[1], 108 / 132, places=2)
        with open(os.path.join(out, "full-psk-handshakes.csv"), encoding="utf-8") as f:
            self.assertEqual(f.read().splitlines(), ["server,handshakers,handshakes/s,server CPU µs/handshake",
                                                     "coaps4j,4,5843,108", "libcoap,4,4687,132"])

    def test_the_docs_charts_section_links_the_svgs_and_nothing_else_changes(self):
        bench_charts.main([self.docs, "--out-dir", os.path.join(self.dir.name, "bench"), "--docs"])
        with open(self.docs, encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn("mermaid", text)
        self.assertIn("![NoSec: CoAP over UDP: requests/s](bench/nosec-coap-over-udp-requests.svg)", text)
        self.assertTrue(text.startswith(REPORT[:REPORT.index("### Charts")]))
        self.assertTrue(text.endswith("<!-- bench:latest:end -->\n\nafter the section\n"))

    def test_axis_maximum_is_round(self):
        self.assertEqual(bench_charts.nice_max(90000), 100000)
        self.assertEqual(bench_charts.nice_max(132), 200)
        self.assertEqual(bench_charts.nice_max(21), 25)


if __name__ == "__main__":
    unittest.main()
