#!/usr/bin/env python3
"""Side-by-side report of `make bench`: the module against the reference.

    bench-report.py PROJECT.out REFERENCE.out [--json F] [--csv F]
                    [--meta KEY=VALUE ...]

Reads the guest output of scripts/guest/bench on each kernel (BENCHINFO,
BENCH and BENCHFAIL lines, see tools/bench/bench.h), prints one table row a
figure (module median [min..max], reference median [min..max], ratio
module / reference, target, verdict) under a header saying where it ran,
and writes the same as JSON and CSV.  Exit status 1 when a guest output is
missing figures or names a failed program; missed targets do not change it
(the numbers are a report, not a test).
"""
import argparse
import csv
import datetime
import fcntl
import json
import os
import statistics
import subprocess
import sys

# Figures in table order: key -> (label, target).  A target is the largest
# allowed cost ratio module / reference: for figures where higher is better
# (throughput) the module must reach at least 1 / target of the reference.
# None: reported without a target.
FIGURES = [
    ("mq_rt_16", "mq round trip 16 B", 1.05),
    ("mq_rt_1k", "mq round trip 1 KiB", 1.05),
    ("mq_rt_8k", "mq round trip 8 KiB", 1.05),
    ("mq_tput_1p1c", "mq throughput 1P/1C", 1.05),
    ("mq_tput_4p4c", "mq throughput 4P/4C", 1.05),
    ("mq_prio_send_const", "nearly full: send, constant prio", None),
    ("mq_prio_recv_const", "nearly full: receive, constant prio", None),
    ("mq_prio_send_inc", "nearly full: send, increasing prio", None),
    ("mq_prio_recv_inc", "nearly full: receive, increasing prio", None),
    ("mq_prio_send_dec", "nearly full: send, decreasing prio", None),
    ("mq_prio_recv_dec", "nearly full: receive, decreasing prio", None),
    ("mq_prio_send_rand", "nearly full: send, random prio", None),
    ("mq_prio_recv_rand", "nearly full: receive, random prio", None),
    ("mq_open_mode", "mq_open+close, SD from mode 0600", None),
    ("mq_open_4ace", "mq_open+close, 4-ACE DACL", 1.25),
    ("mq_open_32ace", "mq_open+close, 32-ACE DACL", 1.6),
    ("mq_create_unlink", "mq_open(O_CREAT)+close+unlink", None),
    ("sem_glibc_postwait", "glibc sem_post+sem_wait", 1.05),
    ("sem_pingpong", "glibc semaphore ping-pong", 1.05),
    ("sem_kernel_postwait", "kernel path post+wait", None),
    ("sem_kernel_pingpong", "kernel path ping-pong", None),
    ("sem_open_close", "sem_open+sem_close", None),
    ("mem_per_queue", "slab objects per queue (10 x 16 B)", 1.0),
    ("mem_per_msg", "slab objects per 16 B message", 1.0),
    ("mem_per_queue_dflt", "slab objects per queue (default attr)", 1.0),
    ("mem_slab_per_queue", "slab pages per queue (meminfo Slab)", 1.0),
    ("mem_slab_per_msg", "slab pages per message (meminfo Slab)", 1.0),
    ("mem_total_per_queue", "all memory per queue (MemFree; noisy)", None),
    ("mem_total_per_msg", "all memory per message (MemFree; noisy)", None),
    ("control_cpu", "user-space loop: host noise, not the kernels", None),
]
# Figures that only exist with the module: the reference column is n/a.
MODULE_ONLY = {"sem_kernel_postwait", "sem_kernel_pingpong"}
FIELDS = ("unit", "better", "median", "min", "max", "runs")


def parse_output(text):
    """Guest output -> {"info": {}, "figures": {}, "failures": []}."""
    out = {"info": {}, "figures": {}, "failures": []}
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        if words[0] == "BENCHINFO" and len(words) >= 2:
            out["info"][words[1]] = " ".join(words[2:])
        elif words[0] == "BENCHFAIL":
            out["failures"].append(" ".join(words[1:]))
        elif words[0] == "BENCH":
            if len(words) != 8 or words[3] not in ("lower", "higher"):
                out["failures"].append("malformed: " + line.strip())
                continue
            try:
                fig = dict(zip(FIELDS, words[2:4] +
                               [float(w) for w in words[4:7]] +
                               [int(words[7])]))
            except ValueError:
                out["failures"].append("malformed: " + line.strip())
                continue
            out["figures"].setdefault(words[1], []).append(fig)
    out["figures"] = {k: combine(v) for k, v in out["figures"].items()}
    return out


def combine(rounds):
    """One figure from its rounds (make bench alternates the kernels, each
    round a boot): the median of the rounds' medians (the mean of the two
    middle ones for an even count, so two rounds favour neither), the
    smallest min, the largest max, all runs."""
    if len(rounds) == 1:
        return rounds[0]
    fig = dict(rounds[0])
    fig["median"] = statistics.median(r["median"] for r in rounds)
    fig["min"] = min(r["min"] for r in rounds)
    fig["max"] = max(r["max"] for r in rounds)
    fig["runs"] = sum(r["runs"] for r in rounds)
    fig["rounds"] = len(rounds)
    return fig


def verdict(ratio, target, better):
    if target is None or ratio is None:
        return "-"
    ok = ratio <= target if better == "lower" else ratio >= 1 / target
    return "met" if ok else "MISSED"


def target_text(target, better):
    if target is None:
        return "-"
    if better == "lower":
        return "<= %.2fx" % target
    return ">= %.2fx" % (1 / target)


def build_rows(module, reference):
    """One row a figure present on either side, in FIGURES order."""
    known = [k for k, _, _ in FIGURES]
    extra = sorted((set(module["figures"]) | set(reference["figures"]))
                   - set(known))
    labels = {k: (label, t) for k, label, t in FIGURES}
    rows = []
    for key in known + extra:
        m = module["figures"].get(key)
        r = reference["figures"].get(key)
        if m is None and r is None:
            continue
        label, target = labels.get(key, (key, None))
        if key in MODULE_ONLY:
            r = None
        better = (m or r)["better"]
        ratio = None
        if m and r and r["median"] != 0:
            ratio = m["median"] / r["median"]
        rows.append({
            "key": key, "label": label, "unit": (m or r)["unit"],
            "better": better, "module": m, "reference": r,
            "ratio": ratio, "target": target,
            "target_text": target_text(target, better),
            "verdict": verdict(ratio, target, better),
        })
    return rows


def missing(module, reference):
    """Known figures absent from an output where they belong."""
    miss = []
    for key, _, _ in FIGURES:
        if key not in module["figures"]:
            miss.append("module: " + key)
        if key not in MODULE_ONLY and key not in reference["figures"]:
            miss.append("reference: " + key)
    return miss


def control_note(rows):
    """How far host load differed between the two boots."""
    for r in rows:
        if r["key"] == "control_cpu" and r["ratio"] is not None:
            return ("control_cpu ratio %.2f: the same user-space loop ran "
                    "%.0f%% %s on the module's boot; ratios of that order "
                    "are host noise, not the kernels" % (
                        r["ratio"], abs(r["ratio"] - 1) * 100,
                        "slower" if r["ratio"] > 1 else "faster"))
    return "control_cpu missing: host noise unknown"


def fmt_num(v):
    if abs(v) >= 1000:
        return "%.0f" % v
    if abs(v) >= 100:
        return "%.1f" % v
    return "%.2f" % v


def fmt_fig(f):
    if f is None:
        return "n/a"
    return "%s [%s..%s]" % (fmt_num(f["median"]), fmt_num(f["min"]),
                            fmt_num(f["max"]))


def format_table(rows):
    head = ("figure", "unit", "module median [min..max]",
            "reference median [min..max]", "ratio", "target", "verdict")
    body = [(r["key"], r["unit"], fmt_fig(r["module"]),
             fmt_fig(r["reference"]),
             "%.3f" % r["ratio"] if r["ratio"] is not None else "n/a",
             r["target_text"], r["verdict"]) for r in rows]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(7)]
    lines = []
    for i, row in enumerate([head] + body):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths))
                     .rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_header(meta, module, reference):
    lines = []
    for key in sorted(meta):
        lines.append("%-22s %s" % (key + ":", meta[key]))
    for name, side in (("module", module), ("reference", reference)):
        info = side["info"]
        lines.append("%-22s %s, %s CPUs, %s, %s s" % (
            "guest (" + name + "):", info.get("kernel", "?"),
            info.get("cpus", "?"), info.get("clocksource", "?"),
            info.get("seconds", "?")))
    return "\n".join(lines)


def write_csv(path, rows):
    cols = ["key", "label", "unit", "better"]
    for side in ("module", "reference"):
        cols += [side + "_" + f for f in ("median", "min", "max", "runs")]
    cols += ["ratio", "target", "verdict"]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            vals = [r["key"], r["label"], r["unit"], r["better"]]
            for side in ("module", "reference"):
                fig = r[side]
                vals += [fig[k] if fig else "" for k in
                         ("median", "min", "max", "runs")]
            vals += ["%.4f" % r["ratio"] if r["ratio"] is not None else "",
                     r["target_text"], r["verdict"]]
            w.writerow(vals)


def kvm_state(cpu_flags):
    """Whether this host could run KVM guests: /dev/kvm creates a VM and
    the CPU shows hardware virtualisation (with a /dev/kvm but no vmx/svm
    a guest was seen to get through the BIOS and then print nothing)."""
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return "no (no usable /dev/kvm)"
    try:
        os.close(fcntl.ioctl(fd, 0xAE01, 0))  # KVM_CREATE_VM
    except OSError:
        return "no (KVM_CREATE_VM fails)"
    finally:
        os.close(fd)
    if not cpu_flags & {"vmx", "svm"}:
        return "no (/dev/kvm present, but no vmx/svm CPU flag)"
    return "yes (not used: qemu-run.sh runs TCG)"


def host_meta(top):
    def run(*cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True,
                                  cwd=top, check=False).stdout.strip()
        except OSError:
            return "?"
    model, flags = "?", set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and model == "?":
                    model = value.strip()
                elif key.strip() == "flags" and not flags:
                    flags = set(value.split())
    except OSError:
        pass
    commit = run("git", "rev-parse", "--short=12", "HEAD")
    if run("git", "status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "host_cpu": model,
        "host_cores": str(os.cpu_count()),
        "host_kvm": kvm_state(flags),
        "qemu": run("qemu-system-x86_64", "--version").split("\n")[0],
        "commit": commit,
        "date": datetime.datetime.now(datetime.timezone.utc)
        .strftime("%Y-%m-%d %H:%M UTC"),
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("module_out")
    ap.add_argument("reference_out")
    ap.add_argument("--json")
    ap.add_argument("--csv")
    ap.add_argument("--meta", action="append", default=[],
                    help="KEY=VALUE for the header (e.g. accel=tcg)")
    ap.add_argument("--no-host", action="store_true",
                    help="do not probe the host (tests)")
    args = ap.parse_args(argv)
    sides = []
    for path in (args.module_out, args.reference_out):
        try:
            with open(path) as f:
                sides.append(parse_output(f.read()))
        except OSError as e:
            print("bench-report: %s" % e, file=sys.stderr)
            sides.append(parse_output(""))
    module, reference = sides
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    meta = {} if args.no_host else host_meta(top)
    for kv in args.meta:
        k, _, v = kv.partition("=")
        meta[k] = v
    rows = build_rows(module, reference)
    problems = (["module: " + x for x in module["failures"]] +
                ["reference: " + x for x in reference["failures"]] +
                ["missing " + x for x in missing(module, reference)])
    print(format_header(meta, module, reference))
    print()
    print(format_table(rows))
    met = sum(r["verdict"] == "met" for r in rows)
    judged = sum(r["verdict"] in ("met", "MISSED") for r in rows)
    print()
    print("targets met: %d of %d (medians of the same run)" % (met, judged))
    print(control_note(rows))
    for p in problems:
        print("problem: " + p)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "module": module,
                       "reference": reference, "rows": rows,
                       "problems": problems}, f, indent=1, sort_keys=True)
            f.write("\n")
    if args.csv:
        write_csv(args.csv, rows)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
