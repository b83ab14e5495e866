#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Issue 14's whole simulations on several ns-3 releases, side by side (make bench-sim-intree).

Runs rtm-sim-bench programs built against different ns-3 releases (e.g. Debian's 3.37 out of
tree and ns-3.48's own tree, see bench-sim-versions.sh) on the same scenario as bench-sim.cc
(200 seeded router pairs, 10 UDP packets/s each for 10 s, 1 Gbps / 1 ms links, hop-count
metrics) and the same sides: rtm with the link-state client's defaults (rtm), rtm with
Aggregate=true (rtm_agg), ns-3's nix-vector routing (nix) and ns-3's global routing (global).

The runs are interleaved (run 1 of every topology, side and program, then run 2, ...), so each
program's figures come from the same stretch of machine load; one process per run, its figures
read from its own output (CPU seconds of the process, its own peak RSS). A run still going after
--cap-s wall seconds is killed and reported as capped (its VmHWM read just before); a side
capped once on a topology is not run again there. Every run that finished must have delivered
the same packets as every other run on that topology (count and (flow, sequence) digest of
rtm-sim-bench) over shortest paths (hops_wrong 0), whatever the program or side: else
same_packets is 0 and the exit status 1.

Output: the load average before and after, a Markdown table per topology (min / median over the
runs of each phase's CPU seconds, total CPU and wall seconds, peak RSS, routes, delivered), and
summary lines `sim_<label>_<figure>_<topology>_<side>: value` (figures cpu_s, populate_cpu_s,
run_cpu_s, destroy_cpu_s, wall_s, peak_rss_mb: the medians; capped) and
`sim_same_packets_<topology>: 0|1`; with --tsv, every run's figures as one TSV row.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time

SIDES = {
    "rtm": ["--routing=rtm"],
    "rtm_agg": ["--routing=rtm", "--aggregate=true"],
    "nix": ["--routing=nix"],
    "global": ["--routing=global"],
}
SIDE_NAMES = {
    "rtm": "rtm (defaults)",
    "rtm_agg": "rtm (`Aggregate=true`)",
    "nix": "nix-vector",
    "global": "global",
}
PHASES = ["build", "populate", "run", "destroy"]


def vmhwm_mb(pid):
    """The VmHWM of a running process in MB (0 if unreadable)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def run_one(program, topology, side, args):
    """One rtm-sim-bench run: its `key value` lines, plus capped / error."""
    cmd = [program, "--topology=" + topology] + SIDES[side]
    if args.data:
        cmd.append("--data=" + args.data)
    if args.mem_cap_mb:
        cmd.append(f"--memCapMb={args.mem_cap_mb}")
    cmd += args.extra
    values = {"capped": 0}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=args.cap_s)
    except subprocess.TimeoutExpired:
        values["peak_rss_mb"] = vmhwm_mb(proc.pid)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        values["capped"] = 1
    for line in out.splitlines():
        parts = line.split(" ", 1)
        if len(parts) == 2:
            values.setdefault(parts[0], parts[1].strip())
    if values["capped"]:
        values["total_s"] = args.cap_s
        values["error"] = f"capped at {args.cap_s} s wall (last phase printed: {last_phase(values)})"
    elif proc.returncode == 3:
        values["capped"] = 1
        values["peak_rss_mb"] = args.mem_cap_mb
        values["error"] = f"capped at {args.mem_cap_mb} MB of address space"
    elif proc.returncode != 0 or "total_s" not in values:
        values["error"] = f"exit status {proc.returncode}: {err.strip()[-300:]}"
    return values


def last_phase(values):
    """The last phase a capped run finished."""
    done = [p for p in PHASES if p + "_s" in values]
    return done[-1] if done else "none"


def num(values, key):
    """A figure as a number (None if absent)."""
    try:
        return float(values[key])
    except (KeyError, ValueError):
        return None


def min_med(xs, fmt="{:.2f}"):
    """"min / median" of the numbers (empty when none)."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return ""
    return fmt.format(min(xs)) + " / " + fmt.format(statistics.median(xs))


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--program", action="append", required=True, metavar="LABEL=PATH",
                   help="an rtm-sim-bench program and its label (e.g. 3.37=build/utils/rtm-sim-bench)")
    p.add_argument("--topologies", default="rocketfuel,kdl,inet")
    p.add_argument("--sides", default="rtm,rtm_agg,nix,global")
    p.add_argument("--runs", type=int, default=3, help="runs per program, topology and side")
    p.add_argument("--cap-s", type=float, default=180, help="wall seconds before a run is stopped")
    p.add_argument("--mem-cap-mb", type=int, default=16384, help="address-space cap of a run")
    p.add_argument("--data", default=os.environ.get("RTM_SHARED_DATA", ""),
                   help="the shared data folder (default $RTM_SHARED_DATA)")
    p.add_argument("--tsv", help="write every run's figures to this file")
    p.add_argument("extra", nargs="*", help="more rtm-sim-bench options (after --)")
    args = p.parse_args()
    programs = []
    for spec in args.program:
        label, _, path = spec.partition("=")
        if not path or not os.access(path, os.X_OK):
            sys.exit(f"bench-sim-versions: no program {path!r} for {label!r}")
        programs.append((label, path))
    topologies = args.topologies.split(",")
    sides = args.sides.split(",")
    for s in sides:
        if s not in SIDES:
            sys.exit(f"bench-sim-versions: unknown side {s} (rtm, rtm_agg, nix, global)")

    print(f"load average before: {loadavg()} ({os.cpu_count()} CPUs)", flush=True)
    results = {}  # (topology, side, label) -> [values]
    capped = set()
    rows = []
    for r in range(args.runs):
        for t in topologies:
            for s in sides:
                for label, path in programs:
                    if (t, s, label) in capped:
                        continue
                    start = time.time()
                    v = run_one(path, t, s, args)
                    v["load"] = loadavg()
                    results.setdefault((t, s, label), []).append(v)
                    if v["capped"]:
                        capped.add((t, s, label))
                    rows.append((label, t, s, r + 1, v))
                    status = v.get("error", "total CPU s " + v.get("total_cpu_s", "?"))
                    print(f"run {r + 1} {t} {s} ns-3 {label}: {status} "
                          f"({time.time() - start:.1f} s wall, load {v['load']})", flush=True)
    print(f"load average after: {loadavg()}", flush=True)

    ok = True
    summary = []
    for t in topologies:
        print(f"\n{t}: CPU seconds of the process, min / median over the runs; wall seconds; "
              "peak RSS MB (median)\n")
        print("| side | ns-3 | runs | build | populate | run | destroy | **total CPU s** | wall s "
              "| peak RSS MB | routes | delivered |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        reference = None
        problems = []
        for s in sides:
            for label, _ in programs:
                runs = results.get((t, s, label), [])
                done = [v for v in runs if not v["capped"] and "error" not in v]
                failed = [v for v in runs if "error" in v and not v["capped"]]
                for v in failed:
                    problems.append(f"{s} on {label}: {v['error']}")
                key = f"ns{label.replace('.', '_')}_{{}}_{t}_{s}"
                if not done:
                    c = [v for v in runs if v["capped"]]
                    if c:
                        rss = statistics.median(num(v, "peak_rss_mb") or 0 for v in c)
                        print(f"| {SIDE_NAMES[s]} | {label} | {len(c)} | capped: "
                              f"{c[0]['error']} | | | | | | {rss:.1f} | | |")
                        summary.append(f"sim_{key.format('capped')}: 1")
                    continue
                cells = [min_med([num(v, p + "_cpu_s") for v in done]) for p in PHASES]
                # apps (UDP applications) are in the total, not in a column of their own.
                total = min_med([num(v, "total_cpu_s") for v in done])
                wall = min_med([num(v, "total_s") for v in done])
                rss = statistics.median(num(v, "peak_rss_mb") for v in done)
                routes = done[0].get("routes", "")
                delivered = done[0].get("delivered", "")
                print(f"| {SIDE_NAMES[s]} | {label} | {len(done)} | " + " | ".join(cells) +
                      f" | **{total}** | {wall} | {rss:.1f} | {routes} | {delivered} |")
                for fig, k in [("cpu_s", "total_cpu_s"), ("populate_cpu_s", "populate_cpu_s"),
                               ("run_cpu_s", "run_cpu_s"), ("destroy_cpu_s", "destroy_cpu_s"),
                               ("wall_s", "total_s"), ("peak_rss_mb", "peak_rss_mb")]:
                    med = statistics.median(num(v, k) for v in done)
                    summary.append(f"sim_{key.format(fig)}: {med:.4g}")
                for v in done:
                    if num(v, "hops_wrong") != 0 or num(v, "unreachable_flows") != 0:
                        problems.append(f"{s} on {label} took paths that are not shortest")
                    this = (v.get("delivered"), v.get("delivery_digest"))
                    if reference is None:
                        reference = (this, f"{s} on {label}")
                    elif this != reference[0]:
                        problems.append(f"{s} on {label} delivered {this[0]} packets, "
                                        f"{reference[1]} {reference[0][0]} (or other ones)")
        same = not problems
        ok = ok and same
        summary.append(f"sim_same_packets_{t}: {1 if same else 0}")
        for problem in sorted(set(problems)):
            print(f"bench-sim-versions: {t}: {problem}", file=sys.stderr)
    print()
    print("\n".join(summary))
    if args.tsv:
        keys = sorted({k for row in rows for k in row[4]})
        with open(args.tsv, "w") as f:
            f.write("\t".join(["ns3", "topology", "side", "run"] + keys) + "\n")
            for label, t, s, r, v in rows:
                f.write("\t".join([label, t, s, str(r)] + [str(v.get(k, "")) for k in keys]) +
                        "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
