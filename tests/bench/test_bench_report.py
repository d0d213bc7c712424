#!/usr/bin/env python3
"""Host tests of scripts/bench-report.py: parsing, ratios, verdicts and the
files it writes, on made-up guest outputs (nothing is timed).  Ends with
"N passed, N failed"."""
import csv
import importlib.util
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "scripts", "bench-report.py")
spec = importlib.util.spec_from_file_location("bench_report", SCRIPT)
br = importlib.util.module_from_spec(spec)
spec.loader.exec_module(br)

MODULE = """PEIOS-START: bench
BENCHINFO kind module
BENCHINFO kernel 7.2.12
BENCHINFO cpus 2
# mq_bench: 5000 rounds
#   1p1c: 1.000 voluntary
BENCH mq_rt_16 us/roundtrip lower 21.000 20.000 30.000 5
BENCH mq_tput_1p1c kmsg/s higher 90.000 80.000 95.000 5
BENCH mq_open_4ace us/op lower 13.000 12.000 14.000 5
BENCH sem_kernel_postwait ns/op lower 900.000 850.000 990.000 5
BENCH mem_per_msg B lower 64.000 60.000 70.000 3
BENCH new_figure ms lower 1.000 1.000 1.000 5
"""
REFERENCE = """BENCHINFO kind reference
BENCHINFO kernel 7.2.12
BENCH mq_rt_16 us/roundtrip lower 20.000 19.000 25.000 5
BENCH mq_tput_1p1c kmsg/s higher 100.000 90.000 110.000 5
BENCH mq_open_4ace us/op lower 10.000 9.000 11.000 5
BENCH mem_per_msg B lower 64.000 63.000 66.000 3
BENCHFAIL /tests/bin/mq_mem_bench exit 1
"""


class Parse(unittest.TestCase):
    def test_info_and_figures(self):
        out = br.parse_output(MODULE)
        self.assertEqual(out["info"]["kind"], "module")
        self.assertEqual(out["info"]["kernel"], "7.2.12")
        fig = out["figures"]["mq_rt_16"]
        self.assertEqual(fig, {"unit": "us/roundtrip", "better": "lower",
                               "median": 21.0, "min": 20.0, "max": 30.0,
                               "runs": 5})
        self.assertEqual(out["failures"], [])

    def test_rounds_combine(self):
        # Three boots of one kernel, concatenated: median of the medians,
        # extreme min and max, runs summed.
        text = "".join("BENCH mq_rt_16 us/roundtrip lower %s 5\n" % r
                       for r in ("30 25 40", "10 9 12", "20 19 21"))
        fig = br.parse_output(text)["figures"]["mq_rt_16"]
        self.assertEqual((fig["median"], fig["min"], fig["max"],
                          fig["runs"], fig["rounds"]),
                         (20.0, 9.0, 40.0, 15, 3))
        # An even count: the mean of the middle two.
        text = "".join("BENCH mq_rt_16 us/roundtrip lower %s 5\n" % r
                       for r in ("30 25 40", "10 9 12"))
        fig = br.parse_output(text)["figures"]["mq_rt_16"]
        self.assertEqual(fig["median"], 20.0)

    def test_comments_and_markers_ignored(self):
        out = br.parse_output(MODULE)
        self.assertEqual(len(out["figures"]), 6)

    def test_failures(self):
        out = br.parse_output(REFERENCE)
        self.assertEqual(out["failures"], ["/tests/bin/mq_mem_bench exit 1"])

    def test_malformed_lines(self):
        for line in ("BENCH x us lower 1 2 3",
                     "BENCH x us sideways 1 2 3 4",
                     "BENCH x us lower 1 two 3 4"):
            out = br.parse_output(line)
            self.assertEqual(out["figures"], {}, line)
            self.assertEqual(len(out["failures"]), 1, line)


class Rows(unittest.TestCase):
    def setUp(self):
        rows = br.build_rows(br.parse_output(MODULE),
                             br.parse_output(REFERENCE))
        self.rows = {r["key"]: r for r in rows}
        self.order = [r["key"] for r in rows]

    def test_ratio_lower_is_better(self):
        r = self.rows["mq_rt_16"]
        self.assertAlmostEqual(r["ratio"], 1.05)
        self.assertEqual(r["verdict"], "met")
        self.assertEqual(r["target_text"], "<= 1.05x")

    def test_missed(self):
        r = self.rows["mq_open_4ace"]
        self.assertAlmostEqual(r["ratio"], 1.3)
        self.assertEqual(r["verdict"], "MISSED")

    def test_higher_is_better(self):
        r = self.rows["mq_tput_1p1c"]
        self.assertAlmostEqual(r["ratio"], 0.9)
        self.assertEqual(r["target_text"], ">= 0.95x")
        self.assertEqual(r["verdict"], "MISSED")

    def test_equal_memory_meets(self):
        self.assertEqual(self.rows["mem_per_msg"]["verdict"], "met")

    def test_module_only(self):
        r = self.rows["sem_kernel_postwait"]
        self.assertIsNone(r["reference"])
        self.assertIsNone(r["ratio"])
        self.assertEqual(r["verdict"], "-")

    def test_order_known_then_unknown(self):
        self.assertEqual(self.order, ["mq_rt_16", "mq_tput_1p1c",
                                      "mq_open_4ace", "sem_kernel_postwait",
                                      "mem_per_msg", "new_figure"])
        self.assertEqual(self.rows["new_figure"]["verdict"], "-")

    def test_missing(self):
        miss = br.missing(br.parse_output(MODULE), br.parse_output(REFERENCE))
        self.assertIn("module: mq_rt_1k", miss)
        self.assertIn("reference: mq_rt_1k", miss)
        self.assertNotIn("reference: sem_kernel_postwait", miss)
        self.assertNotIn("module: sem_kernel_postwait", miss)


class Control(unittest.TestCase):
    def test_note(self):
        m = br.parse_output("BENCH control_cpu ns/iter lower 13 12 14 7")
        r = br.parse_output("BENCH control_cpu ns/iter lower 10 9 11 7")
        note = br.control_note(br.build_rows(m, r))
        self.assertIn("ratio 1.30", note)
        self.assertIn("30% slower", note)

    def test_missing(self):
        self.assertIn("missing", br.control_note([]))


class Main(unittest.TestCase):
    def test_files_and_exit(self):
        with tempfile.TemporaryDirectory() as d:
            paths = {}
            for name, text in (("m", MODULE), ("r", REFERENCE)):
                paths[name] = os.path.join(d, name)
                with open(paths[name], "w") as f:
                    f.write(text)
            js, cs = os.path.join(d, "x.json"), os.path.join(d, "x.csv")
            buf = io.StringIO()
            with redirect_stdout(buf):
                rc = br.main([paths["m"], paths["r"], "--json", js,
                              "--csv", cs, "--no-host", "--meta",
                              "accel=tcg"])
            text = buf.getvalue()
            # A failed program and missing figures make the run fail.
            self.assertEqual(rc, 1)
            self.assertIn("accel:", text)
            self.assertIn("problem: reference: /tests/bin/mq_mem_bench",
                          text)
            self.assertIn("targets met: 2 of 4", text)
            with open(js) as f:
                data = json.load(f)
            self.assertEqual(data["meta"], {"accel": "tcg"})
            self.assertEqual(len(data["rows"]), 6)
            with open(cs) as f:
                rows = list(csv.DictReader(f))
            self.assertEqual(rows[0]["key"], "mq_rt_16")
            self.assertEqual(rows[0]["module_median"], "21.0")
            self.assertEqual(rows[0]["ratio"], "1.0500")
            self.assertEqual(rows[3]["reference_median"], "")

    def test_complete_run_exits_zero(self):
        lines = ["BENCH %s u lower 2 1 3 5" % k for k, _, _ in br.FIGURES]
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "o")
            with open(p, "w") as f:
                f.write("\n".join(lines) + "\n")
            with redirect_stdout(io.StringIO()):
                self.assertEqual(br.main([p, p, "--no-host"]), 0)


if __name__ == "__main__":
    result = unittest.TextTestRunner(verbosity=1, stream=sys.stdout).run(
        unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]))
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
