#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The real-daemon harness of rtm (`make check-interop`): Debian's BIRD 2 in a network namespace
made for each scenario, on the kernel side of a tap device whose other side is r1's FdNetDevice in
rtm-interop, a few simulated RTM routers run in real time (lab.py). Each protocol plug-in (a
folder here with plugin.py and its BIRD template) lists scenarios; each scenario runs in a fresh
lab and asserts what crossed the wire. Needs root (network namespaces, tap devices); never
touches the host's own interfaces, addresses or routes.

    utils/interop/interop.py [--build build] [--only rip,ripng-...] [--logs DIR] [--list]

Prints one line per scenario (`interop: NAME PASS key=value...` or `interop: NAME FAIL why`) and
exits non-zero if one failed. Without root, network namespaces or tap devices it prints
`interop: SKIPPED ...` with the reason and exits 0; a missing tool or an unbuilt rtm-interop is
a failure (utils/install-deps.sh and `make build` provide them).
"""

import argparse
import importlib.util
import os
import shutil
import signal
import sys
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lab as L  # noqa: E402

TOOLS = {  # command -> Debian package (utils/install-deps.sh installs them)
    "bird": "bird2", "birdc": "bird2", "ip": "iproute2", "ping": "iputils-ping",
}


def plugins():
    """Every folder of utils/interop with a plugin.py, by name."""
    out = {}
    for name in sorted(os.listdir(HERE)):
        path = os.path.join(HERE, name, "plugin.py")
        if os.path.isfile(path):
            spec = importlib.util.spec_from_file_location("interop_" + name, path)
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            out[name] = mod
    return out


def unavailable():
    """Why this machine cannot make the lab at all (not root, no network namespaces or tap
    devices), or None. The harness skips then."""
    if os.geteuid() != 0:
        return "not root (network namespaces and tap devices need it; CI runs as root)"
    if shutil.which("ip") is None:
        return None  # preflight says which package is missing
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun (tap devices)"
    probe = "%s-%d" % (L.PREFIX, os.getpid())
    try:
        L.run(["ip", "netns", "add", probe])
        L.run(["ip", "-n", probe, "tuntap", "add", "dev", "probe0", "mode", "tap"])
        L.run(["ip", "-n", probe, "link", "add", "probe1", "type", "veth", "peer", "name",
               "probe2"])
    except L.CheckFailed as e:
        return "cannot make a network namespace with a tap and a veth pair: %s" % e
    finally:
        L.run(["ip", "netns", "del", probe], check=False)
    return None


def preflight(build):
    """Say plainly what is missing; return the problems."""
    problems = []
    for tool, pkg in TOOLS.items():
        if shutil.which(tool) is None:
            problems.append("%s not found (Debian package %s; utils/install-deps.sh installs it)"
                            % (tool, pkg))
    exe = os.path.join(build, "utils", "interop", "rtm-interop")
    if not os.access(exe, os.X_OK):
        problems.append("%s not built (it needs ns-3's fd-net-device module, part of Debian's "
                        "libns3-dev; run `make build`)" % exe)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build", help="the CMake build folder")
    ap.add_argument("--only", default="", help="comma-separated scenario names")
    ap.add_argument("--logs", default=None, help="folder for logs (default BUILD/interop)")
    ap.add_argument("--list", action="store_true", help="list the scenarios")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    logs = os.path.abspath(args.logs or os.path.join(build, "interop"))

    todo = []
    for pname, mod in plugins().items():
        for sname, fn in mod.scenarios():
            if not args.only or sname in args.only.split(","):
                todo.append((pname, sname, fn))
    if args.list:
        for pname, sname, _ in todo:
            print("%s (plug-in %s)" % (sname, pname))
        return 0
    if not todo:
        print("interop: no scenario matches --only=%s" % args.only)
        return 2

    why = unavailable()
    if why:
        print("interop: SKIPPED all %d scenarios: %s" % (len(todo), why))
        return 0
    problems = preflight(build)
    if problems:
        for p in problems:
            print("interop: cannot run: " + p)
        return 2

    # SIGTERM / SIGHUP leave through the labs' clean-up like Ctrl-C does.
    def interrupted(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    for ns in L.stale_namespaces():
        L.run(["ip", "netns", "del", ns], check=False)

    failed = 0
    start = time.monotonic()
    for pname, sname, fn in todo:
        t0 = time.monotonic()
        try:
            with L.Lab(build, logs, sname) as lab:
                try:
                    try:
                        measures = fn(lab)
                    except (L.CheckFailed, KeyboardInterrupt):
                        raise
                    except Exception:  # a bug of the harness or plug-in: a failure too
                        raise L.CheckFailed(traceback.format_exc())
                except L.CheckFailed:
                    if lab.bird is not None:
                        print("---- BIRD log (%s)\n%s" % (sname, lab.bird_log()[-3000:]))
                        print("---- birdc show protocols\n%s" % lab.birdc("show protocols",
                                                                          check=False))
                    if lab.sim is not None:
                        print("---- rtm-interop (%s), last lines\n%s" % (sname, lab.sim.tail()))
                    raise
            print("interop: %s PASS %s wall_s=%.1f" % (
                sname, " ".join("%s=%s" % (k, ("%.2f" % v) if isinstance(v, float) else v)
                                for k, v in measures.items()), time.monotonic() - t0),
                  flush=True)
        except L.CheckFailed as e:
            failed += 1
            print("interop: %s FAIL %s" % (sname, e), flush=True)
        except KeyboardInterrupt:
            print("interop: interrupted; everything made was removed")
            return 130
    print("interop: %d scenarios, %d failed, %.0f s (logs in %s)" % (
        len(todo), failed, time.monotonic() - start, logs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
