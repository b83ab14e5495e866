# SPDX-License-Identifier: GPL-2.0-only
"""The lab of the real-daemon harness: one network namespace holding a tap device and a stub
interface, the daemon (BIRD) on the tap's kernel side, the simulated routers (rtm-interop) on
its other side (r1's FdNetDevice), and what a plug-in needs to drive and observe both.

    namespace rtmi-<pid> (made by the harness)
      tap0  10.77.0.1/24 fd00:77::1/64    <- frames ->  rtm-interop: r1 10.77.0.2, fd00:77::2
      sd    10.77.100.1/24 fd00:77:100::1/64 (the daemon's stub subnet: one end of a veth pair
            whose other end, sp, only keeps it up)

Nothing is created outside the namespace: the tap and the veth pair are made inside it,
BIRD and rtm-interop run inside it (`ip netns exec`), and deleting the namespace (after stopping
the processes) removes everything. Only addresses on those interfaces are ever used: the
namespace has no route to the host's networks.
"""

import ipaddress
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

PREFIX = "rtmi"  # namespace name: rtmi-<pid of the harness>

DAEMON_IF = "tap0"  # the tap: the daemon's interface, r1's FdNetDevice on the other side
STUB_IF = "sd"
STUB_PEER = "sp"

# The external link and the daemon's stub subnet.
DAEMON4, DAEMON6 = "10.77.0.1", "fd00:77::1"
SIM4, SIM6 = "10.77.0.2", "fd00:77::2"
LINK4, LINK6 = "10.77.0.0/24", "fd00:77::/64"
STUB4, STUB6 = "10.77.100.1", "fd00:77:100::1"
STUB_NET4, STUB_NET6 = "10.77.100.0/24", "fd00:77:100::/64"


class CheckFailed(Exception):
    """A check of the harness failed (the message says which and why)."""


def run(cmd, check=True, timeout=30):
    """Run a command, return its stdout (raise CheckFailed with its stderr if it fails)."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=timeout)
    if check and p.returncode != 0:
        raise CheckFailed("command failed (%d): %s\n%s" % (p.returncode, " ".join(cmd),
                                                           p.stderr.strip()))
    return p.stdout


def parse_fields(text):
    """'a=1 b=x c=1 c=2' -> {'a': '1', 'b': 'x', 'c': ['1', '2']} (repeated keys: lists)."""
    out = {}
    for tok in text.split():
        if "=" not in tok:
            continue
        k, v = tok.split("=", 1)
        if k in out:
            if not isinstance(out[k], list):
                out[k] = [out[k]]
            out[k].append(v)
        else:
            out[k] = v
    return out


def stale_namespaces():
    """Namespaces of earlier harness runs whose process is gone."""
    out = []
    for line in run(["ip", "netns", "list"], check=False).splitlines():
        name = line.split()[0] if line.split() else ""
        m = re.match(r"^%s-(\d+)$" % PREFIX, name)
        if m and not os.path.exists("/proc/%s" % m.group(1)):
            out.append(name)
    return out


def bird_seconds(text):
    """BIRD's time of day 'HH:MM:SS.mmm' in seconds (None if it is not one)."""
    m = re.match(r"^(\d+):(\d+):(\d+(?:\.\d+)?)$", text)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else None


def not_before(a, b):
    """a is at or after b on BIRD's day clock (which wraps at midnight)."""
    return (a - b) % 86400 < 43200


def learnt_beyond(routes, want):
    """r1's routes learnt on its interface toward the daemon (if=1) beyond those in want, as an
    error list; routes is {prefix: [route fields]} of one protocol."""
    extra = set(p for p, rs in routes.items() if any(f.get("if") == "1" for f in rs))
    extra -= set(want)
    if extra:
        return ["r1 learnt from BIRD what it does not advertise: %s" % ", ".join(sorted(extra))]
    return []


class SimRun:
    """rtm-interop running in the simulator namespace; its output lines parsed as they come."""

    def __init__(self, cmd, log_path):
        self.lines = []
        self.routes = {}  # field text (without op, t) -> (fields dict, time added)
        self.drops = []
        self.counters = []
        self.networks = []
        self.events = {}  # kind -> [fields dict] of the lines other than route (plug-ins' lines)
        self.ready = None
        self.ended = None
        self.mono_ready = None
        self.cond = threading.Condition()
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.log.write(line)
            self.log.flush()
            with self.cond:
                self._take(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.ended = self.ended or {"stopped": "exit"}
            self.cond.notify_all()

    def _take(self, line):
        self.lines.append(line)
        kind, _, rest = line.partition(" ")
        f = parse_fields(rest)
        if kind == "route":
            key = re.sub(r"^t=\S+ op=\S+ ", "", rest)
            if f.get("op") == "add":
                self.routes[key] = (f, float(f["t"]))
            else:
                self.routes.pop(key, None)
        else:
            f["t"] = float(f.get("t", "0"))
            self.events.setdefault(kind, []).append(f)
        if kind == "drop":
            self.drops.append(f)
        elif kind == "counters":
            self.counters.append(f)
        elif kind == "network":
            self.networks.append(f)
        elif kind == "ready":
            self.ready = f
            self.mono_ready = time.monotonic()
        elif kind == "end":
            self.ended = f

    def now(self):
        """The simulator's clock now (seconds since its start), from the ready line."""
        with self.cond:
            if self.ready is None:
                return 0.0
            return float(self.ready["t"]) + time.monotonic() - self.mono_ready

    def lines_of(self, kind, **match):
        """The fields of the `kind` lines (not routes) whose fields equal match, oldest first."""
        with self.cond:
            return [f for f in self.events.get(kind, [])
                    if all(f.get(k) == v for k, v in match.items())]

    def counters_of(self, node):
        """The `counters` line of router node (e.g. "r1"), printed at the end of the run."""
        with self.cond:
            for c in self.counters:
                if c.get("node") == node:
                    return c
        raise CheckFailed("no counters line for %s" % node)

    def host_address(self, family="ipv4"):
        """The host behind the last router (the ping target), from the `network` lines."""
        with self.cond:
            for n in self.networks:
                if n["kind"] == "host":
                    net = ipaddress.ip_network(n["prefix6" if family == "ipv6" else "prefix4"])
                    return str(net.network_address + 2)
        raise CheckFailed("rtm-interop announced no host network")

    def signal(self, signum):
        """Send a signal to rtm-interop (SIGUSR1 / SIGUSR2: take --failLink down / up)."""
        self.proc.send_signal(signum)

    def find(self, **match):
        """The routes (fields, time added) whose fields equal every key=value of match."""
        with self.cond:
            return [(f, t) for f, t in self.routes.values()
                    if all(f.get(k) == v for k, v in match.items())]

    def stop(self, timeout=15):
        """SIGTERM, wait for the end line and the exit; SIGKILL if it does not end."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=5)
        self.log.close()
        return self.proc.returncode

    def tail(self, n=40):
        with self.cond:
            return "\n".join(self.lines[-n:])


class Lab:
    """The namespaces, the daemon and the simulator of one scenario. Use as a context manager:
    whatever happens, leaving it stops the processes and removes the namespaces."""

    def __init__(self, build_dir, log_dir, name, verbose=False):
        self.build_dir = build_dir
        self.name = name
        self.verbose = verbose
        self.netns = "%s-%d" % (PREFIX, os.getpid())
        self.tmp = tempfile.mkdtemp(prefix="rtm-interop-")
        self.bird_log_path = os.path.join(self.tmp, "bird.log")
        self.log_dir = log_dir
        os.makedirs(log_dir, exist_ok=True)
        self.bird = None
        self.sim = None
        self.made = []
        self.daemon_ll6 = None

    # ---------------------------------------------------------------- set-up and tear-down

    def __enter__(self):
        try:
            self._setup()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def ip(self, *args):
        return run(["ip", "-n", self.netns] + list(args))

    def nsexec(self, *args, check=True, timeout=30):
        return run(["ip", "netns", "exec", self.netns] + list(args), check=check,
                   timeout=timeout)

    def _setup(self):
        run(["ip", "netns", "add", self.netns])
        self.made.append(self.netns)
        self.ip("link", "set", "lo", "up")
        # A persistent tap owned by root: rtm-interop attaches to it by name.
        self.ip("tuntap", "add", "dev", DAEMON_IF, "mode", "tap")
        # The stub: one end of a veth pair whose other end only keeps it up (no dummy driver
        # needed).
        self.ip("link", "add", STUB_IF, "type", "veth", "peer", "name", STUB_PEER)
        # No duplicate address detection: the link-local address is there once the link is.
        self.nsexec("sysctl", "-q", "-w", "net.ipv6.conf.%s.accept_dad=0" % DAEMON_IF)
        self.ip("addr", "add", DAEMON4 + "/24", "dev", DAEMON_IF)
        self.ip("addr", "add", DAEMON6 + "/64", "dev", DAEMON_IF, "nodad")
        self.ip("addr", "add", STUB4 + "/24", "dev", STUB_IF)
        self.ip("addr", "add", STUB6 + "/64", "dev", STUB_IF, "nodad")
        for dev in (DAEMON_IF, STUB_IF, STUB_PEER):
            self.ip("link", "set", dev, "up")

    def wait_daemon_ll6(self):
        """The daemon's link-local address on the tap (RIPng and OSPFv3 next hops); the tap has
        a carrier, and so this address, only while rtm-interop holds it."""
        deadline = time.monotonic() + 5
        while self.daemon_ll6 is None and time.monotonic() < deadline:
            out = self.ip("-6", "addr", "show", "dev", DAEMON_IF, "scope", "link")
            m = re.search(r"inet6 (fe80::[0-9a-f:]+)/64 scope link(?! tentative)", out)
            if m:
                self.daemon_ll6 = m.group(1)
            else:
                time.sleep(0.1)
        if self.daemon_ll6 is None:
            raise CheckFailed("the daemon's tap got no link-local address")

    def close(self):
        if self.sim is not None and self.sim.proc.poll() is None:
            self.sim.stop()
        if self.bird is not None and self.bird.poll() is None:
            self.bird.terminate()
            try:
                self.bird.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.bird.kill()
                self.bird.wait()
        for ns in reversed(self.made):
            run(["ip", "netns", "del", ns], check=False)
        self.made = []
        for f in ("bird.log", "bird.conf"):
            p = os.path.join(self.tmp, f)
            if os.path.exists(p):
                shutil.copy(p, os.path.join(self.log_dir, "%s-%s" % (self.name, f)))
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---------------------------------------------------------------- the daemon (BIRD)

    def start_bird(self, config):
        """Write the configuration (a plug-in's rendered template) and start BIRD in the
        daemon namespace, in the foreground (so its pid is known)."""
        conf = os.path.join(self.tmp, "bird.conf")
        with open(conf, "w") as f:
            f.write(config)
        self.sock = os.path.join(self.tmp, "bird.ctl")
        run(["bird", "-p", "-c", conf])  # parse only: a bad template fails here, plainly
        self.bird = subprocess.Popen(["ip", "netns", "exec", self.netns, "bird", "-f", "-c", conf,
                                      "-s", self.sock], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.bird.poll() is not None:
                raise CheckFailed("BIRD exited at start (%d); see its log" % self.bird.returncode)
            if os.path.exists(self.sock) and "ready" in self.birdc("show status", check=False):
                return
            time.sleep(0.1)
        raise CheckFailed("BIRD did not answer on its control socket")

    def birdc(self, command, check=True):
        return run(["birdc", "-s", self.sock] + command.split(), check=check)

    def bird_log(self):
        p = self.bird_log_path
        return open(p).read() if os.path.exists(p) else ""

    def bird_routes(self, protocol, filtered=False):
        """The routes of one BIRD protocol, from `birdc show route all protocol NAME` (with
        filtered: those its import filter rejected, kept by `import keep filtered`):
        [{'prefix', 'proto', 'since', 'best', 'sync_error' (best, but not in the kernel), 'pref',
        'metric', 'via', 'iface', 'attrs': {...}}]."""
        out = self.birdc("show route all %sprotocol %s" % ("filtered " if filtered else "",
                                                          protocol), check=False)
        routes = []
        cur = None
        for line in out.splitlines():
            # "PREFIX unicast [PROTO HH:MM:SS.mmm ...] * [I|IA|E1|E2] (PREF/METRIC) ..."; "!"
            # instead of "*": the best route, which the kernel protocol failed to install
            m = re.match(r"^(\S+/\d+)?\s+(unicast|blackhole|unreachable|prohibit)\s+\[(\S+)"
                         r" ([0-9:.]+)[^\]]*\]\s*([*!]?)\s*(?:[A-Z][A-Z0-9]?\s+)?"
                         r"\((\d+)(?:/(\d+))?\)", line)
            if m:
                cur = {"prefix": m.group(1) or (cur["prefix"] if cur else None),
                       "proto": m.group(3), "since": bird_seconds(m.group(4)),
                       "best": m.group(5) != "", "sync_error": m.group(5) == "!",
                       "pref": int(m.group(6)),
                       "metric": int(m.group(7)) if m.group(7) else None,
                       "via": None, "iface": None, "attrs": {}}
                routes.append(cur)
                continue
            if cur is None:
                continue
            m = re.match(r"^\s+via (\S+) on (\S+)", line)
            if m:
                cur["via"], cur["iface"] = m.group(1), m.group(2)
                continue
            m = re.match(r"^\s+([A-Za-z_.]+): (.*)$", line)
            if m and m.group(1) != "Type":
                cur["attrs"][m.group(1)] = m.group(2).strip()
        return routes

    def bird_protocol_since(self, protocol):
        """When BIRD's protocol last changed state (seconds of BIRD's day clock), or None."""
        for line in self.birdc("show protocols %s" % protocol, check=False).splitlines():
            f = line.split()
            if len(f) >= 5 and f[0] == protocol:
                return bird_seconds(f[4])
        return None

    # ---------------------------------------------------------------- the simulated routers

    def start_sim(self, args):
        exe = os.path.join(self.build_dir, "utils", "interop", "rtm-interop")
        cmd = ["ip", "netns", "exec", self.netns, "nice", "-n", "-5", exe, "--device=" + DAEMON_IF,
               "--address=%s/24" % SIM4, "--address6=%s/64" % SIM6,
               "--tables=" + os.path.join(self.log_dir, self.name + "-tables.txt")] + args
        self.sim = SimRun(cmd, os.path.join(self.log_dir, self.name + "-sim.txt"))
        self.wait(lambda: self.sim.ready is not None or self.sim.ended is not None, 20,
                  "rtm-interop did not start")
        if self.sim.ready is None:
            raise CheckFailed("rtm-interop exited at start:\n" + self.sim.tail())
        self.wait_daemon_ll6()
        return self.sim

    # ---------------------------------------------------------------- waiting and probing

    def wait(self, predicate, timeout, what, poll=0.1):
        """Wait until predicate() is true; return the seconds it took. Raise CheckFailed with
        `what` after timeout seconds, or at once if the simulator died."""
        start = time.monotonic()
        while True:
            if predicate():
                return time.monotonic() - start
            if self.sim is not None and self.sim.ended is not None and self.sim.ready:
                raise CheckFailed("%s: rtm-interop stopped (%s)\n%s" % (
                    what, self.sim.ended.get("stopped"), self.sim.tail()))
            if time.monotonic() - start > timeout:
                raise CheckFailed("%s (after %.0f s)" % (what, timeout))
            time.sleep(poll)

    def ping(self, target, source=None, count=5):
        """Ping from the namespace (the daemon's side). Return (sent, received, average rtt in ms)."""
        cmd = ["ping", "-n", "-c", str(count), "-i", "0.2", "-W", "2"]
        if ":" in target:
            cmd.append("-6")
        if source:
            cmd += ["-I", source]
        out = self.nsexec(*(cmd + [target]), check=False, timeout=count + 10)
        m = re.search(r"(\d+) packets transmitted, (\d+) received", out)
        rtt = re.search(r"= [\d.]+/([\d.]+)/", out)
        if not m:
            raise CheckFailed("ping gave no summary:\n" + out)
        return int(m.group(1)), int(m.group(2)), float(rtt.group(1)) if rtt else None
