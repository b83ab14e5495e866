#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Merges the per-rank results of `rtm-topology --mpi` runs and compares runs.

Usage: check-mpi.py REFERENCE_PREFIX[@RANKS] PREFIX[@RANKS]...
Each PREFIX names the files PREFIX.rank0, PREFIX.rank1, ... of one run (RtmMpiScenario::Write);
@RANKS is the number of ranks the run was started with: a run that wrote fewer files (an ns-3
without MPI runs every process as a lone rank 0, all writing PREFIX.rank0) fails.
A run's merged result: packets sent and delivered (summed over ranks), drops by reason (summed),
the RIP convergence time (the latest over ranks), the sampled pairs, and the path of every pair
walked through the union of the ranks' next-hop tables. Prints one line per run and exits 1 when
a run differs from the reference."""
import glob
import sys


def merge(arg):
    prefix, _, ranks = arg.partition("@")
    files = sorted(glob.glob(prefix + ".rank*"))
    if not files:
        raise SystemExit("check-mpi: no result files " + prefix + ".rank*")
    if ranks and len(files) != int(ranks):
        raise SystemExit("check-mpi: %s was started on %s ranks but %d wrote results (is ns-3 "
                         "built with MPI?)" % (prefix, ranks, len(files)))
    r = {"sent": 0, "delivered": 0, "dropped": {}, "rip": 0.0, "pairs": None, "next": {},
         "ranks": len(files)}
    for f in files:
        pairs = []
        for line in open(f):
            w = line.split()
            if not w:
                continue
            if w[0] in ("sent", "delivered"):
                r[w[0]] += int(w[1])
            elif w[0] == "dropped":
                r["dropped"][w[1]] = r["dropped"].get(w[1], 0) + int(w[2])
            elif w[0] == "rip_convergence_s":
                r["rip"] = max(r["rip"], float(w[1]))
            elif w[0] == "pair":
                pairs.append((int(w[1]), int(w[2])))
            elif w[0] == "nexthop":
                key = (int(w[1]), int(w[2]))
                if key in r["next"]:
                    raise SystemExit("check-mpi: router %d reported by two ranks" % key[1])
                r["next"][key] = int(w[3])
        if r["pairs"] is not None and r["pairs"] != pairs:
            raise SystemExit("check-mpi: ranks sampled different pairs in " + prefix)
        r["pairs"] = pairs
    r["paths"] = [walk(r["next"], s, d) for s, d in r["pairs"]]
    return r


def walk(nexthop, s, d):
    """The routers from s towards d, ending with 'delivered', 'unreachable' or 'loop'."""
    path, seen, v = [s], {s}, s
    while True:
        n = nexthop.get((d, v))
        if n is None:
            return path + ["unknown"]
        if n == -2:
            return path + ["delivered"]
        if n == -1:
            return path + ["unreachable"]
        if n in seen:
            return path + [n, "loop"]
        seen.add(n)
        path.append(n)
        v = n


def summary(r):
    delivered = sum(1 for p in r["paths"] if p[-1] == "delivered")
    return ("sent=%d delivered=%d dropped=%s rip_convergence_s=%.9f paths_delivered=%d/%d"
            % (r["sent"], r["delivered"], sum(r["dropped"].values()), r["rip"], delivered,
               len(r["paths"])))


def main():
    ref = merge(sys.argv[1])
    print("check-mpi: %s (%d rank): %s" % (sys.argv[1], ref["ranks"], summary(ref)))
    if ref["sent"] == 0 or not ref["paths"]:
        print("check-mpi: the reference run sent nothing")
        return 1
    failed = 0
    for prefix in sys.argv[2:]:
        r = merge(prefix)
        diffs = [k for k in ("sent", "delivered", "dropped", "rip", "pairs", "paths", "next")
                 if r[k] != ref[k]]
        print("check-mpi: %s (%d ranks): %s: %s" % (prefix, r["ranks"], summary(r),
                                                    "identical" if not diffs
                                                    else "DIFFERS in " + ", ".join(diffs)))
        failed += 1 if diffs else 0
    print("%d passed, %d failed" % (len(sys.argv) - 2 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
