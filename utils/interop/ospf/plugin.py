# SPDX-License-Identifier: GPL-2.0-only
"""OSPF plug-in of the real-daemon harness: BIRD 2's OSPFv2 against the RTM's OSPF client.

The simulated side is a ring r1-r2-r3-r1 (--ring; every internal link costs 1, r3's host and
stub subnets are passive stub links); r1's interface toward BIRD costs SIM_COST on r1's side and
BIRD_COST on BIRD's. BIRD advertises its stub subnet (cost STUB_COST) and redistributes STATICS
static prefixes as AS-external-LSAs (type-2 metric EXT_METRIC).

What is checked, per scenario:
  adjacency  the neighbour is Full on both sides: BIRD's `show ospf neighbors` (Full/PtP, or
             Full/DR with r1 elected DR on a broadcast network) and r1's NeighborState trace;
             on a broadcast network r1's DR is its own address and BIRD names r1 DR as well.
  lsdb       BIRD's `show ospf lsadb` (area 0 and the AS-external LSAs) and every simulated
             router's database hold the same LSAs: type, link state id, advertising router,
             sequence number and checksum (so the contents too), nothing more on either side;
             on a broadcast network r1's Network-LSA is among them.
  routes     BIRD's OSPF routes to every simulated subnet, via r1 on tap0, with the cost of the
             shortest path (BIRD_COST + hops + 1), and nothing else from the simulated side;
             every simulated router has BIRD's stub subnet (cost hops to r1 + SIM_COST +
             STUB_COST) and the externals (EXT_METRIC) in the RTM with preference 110 as the best
             routes, r1 through BIRD's address on interface 1; r1 learns nothing else from BIRD.
  ping       from BIRD's stub address to the host behind r3 (BIRD's kernel routes, the RTM's back).
  failure    (ptp) SIGUSR1 takes the ring link r3-r1 down in the simulation: BIRD's routes
             to r3's subnets get one hop longer, the link's subnet disappears, the databases
             agree again; SIGUSR2 brings it back and everything returns.
  md5        keyed MD5 (RFC 2328 D.3) on both ends: all of the above; a wrong key: r1 drops
             BIRD's packets (bad-auth), BIRD logs ours as failing authentication, no adjacency.
"""

import collections
import ipaddress
import os
import re
import signal
import string
import time

import lab as L

HERE = os.path.dirname(os.path.abspath(__file__))

HELLO, DEAD, RXMT = 1, 4, 2
SIM_TIMERS = [
    "--ns3::RtmOspfClient::HelloInterval=%ds" % HELLO,
    "--ns3::RtmOspfClient::RouterDeadInterval=%ds" % DEAD,
    "--ns3::RtmOspfClient::RxmtInterval=%ds" % RXMT,
    "--ns3::RtmOspfClient::StartupDelay=0s",
    "--ns3::RtmOspfClient::SpfDelay=0.1s",
]
ROUTERS = 3
STUBS = 10
STATICS = 10
BIRD_COST, SIM_COST, STUB_COST, EXT_METRIC = 10, 1, 5, 20
RING_LINK = ROUTERS  # the ring's closing link r3-r1 (--failLink)
CONVERGE_S = 30
MD5_KEY = "rtm-ospf-md5-k01"


def canonical(prefix):
    return ipaddress.ip_network(prefix).compressed


def statics():
    return ["10.77.%d.0/24" % (128 + i) for i in range(STATICS)]


def render(lab, kind, auth="", priority=1):
    with open(os.path.join(HERE, "bird.conf.in")) as f:
        tpl = string.Template(f.read())
    return tpl.substitute(
        log=lab.bird_log_path, router_id=L.DAEMON4, ext_if=L.DAEMON_IF, stub_if=L.STUB_IF,
        statics=" ".join("route %s blackhole;" % p for p in statics()), ext_metric=EXT_METRIC,
        type=kind, cost=BIRD_COST, priority=priority, hello=HELLO, dead=DEAD, wait=DEAD,
        rxmt=RXMT, auth=auth, stub_cost=STUB_COST)


def sim_args(kind, extra=()):
    return ["--protocol=ospf", "--routers=%d" % ROUTERS, "--stubs=%d" % STUBS, "--ring",
            "--failLink=%d" % RING_LINK, "--ospfType=" + kind,
            "--ospfCost=%d" % SIM_COST] + SIM_TIMERS + list(extra)


# -------------------------------------------------------------------- expectations

def hops(lab, down=()):
    """Hops from r1 to each simulated router (index 0-based), over the links not in down."""
    adj = collections.defaultdict(set)
    k = 0
    for n in lab.sim.networks:
        if n["kind"] != "link":
            continue
        k += 1
        if k in down:
            continue
        a, b = (int(r[1:]) - 1 for r in n["routers"].split(","))
        adj[a].add(b)
        adj[b].add(a)
    dist = {0: 0}
    todo = collections.deque([0])
    while todo:
        u = todo.popleft()
        for v in adj[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                todo.append(v)
    return dist


def expected_at_bird(lab, down=()):
    """prefix -> cost of BIRD's route to each simulated subnet (a failed link's is gone)."""
    dist = hops(lab, down)
    out = {}
    k = 0
    for n in lab.sim.networks:
        if n["kind"] == "external":
            continue
        if n["kind"] == "link":
            k += 1
            if k in down:
                continue
        routers = [int(r[1:]) - 1 for r in n["routers"].split(",")]
        out[canonical(n["prefix4"])] = BIRD_COST + min(dist[r] for r in routers) + 1
    return out


def expected_at_sim(lab, down=()):
    """router index -> {prefix: metric} of BIRD's prefixes in the RTM."""
    dist = hops(lab, down)
    out = {}
    for k in range(ROUTERS):
        want = {p: EXT_METRIC for p in statics()}
        want[canonical(L.STUB_NET4)] = dist[k] + SIM_COST + STUB_COST
        out[k] = want
    return out


def bird_mismatches(lab, expected):
    errors = []
    got = {}
    for r in lab.bird_routes("ospf1"):
        if r["iface"] == L.DAEMON_IF and r["via"] is not None:
            got[canonical(r["prefix"])] = r
    for prefix, metric in sorted(expected.items()):
        r = got.get(prefix)
        if r is None:
            errors.append("BIRD lacks %s" % prefix)
        elif (r["metric"], r["via"]) != (metric, L.SIM4):
            errors.append("BIRD has %s cost %s via %s, expected %d via %s" % (
                prefix, r["metric"], r["via"], metric, L.SIM4))
    for prefix in sorted(set(got) - set(expected)):
        errors.append("BIRD has %s through the simulated network, which it should not" % prefix)
    return errors


def sim_mismatches(lab, expected):
    errors = []
    for k, want in expected.items():
        node = "r%d" % (k + 1)
        routes = collections.defaultdict(list)
        for f, _ in lab.sim.find(node=node, family="ipv4", proto="OSPF"):
            routes[canonical(f["prefix"])].append(f)
        for prefix, metric in sorted(want.items()):
            rs = routes.get(prefix, [])
            if len(rs) != 1:
                errors.append("%s has %d OSPF routes to %s, expected 1" % (node, len(rs), prefix))
                continue
            f = rs[0]
            ok = (int(f["metric"]), f["pref"], f["best"]) == (metric, "110", "1")
            if k == 0:
                ok = ok and (f.get("nexthop"), f.get("if")) == (L.DAEMON4, "1")
            if not ok:
                errors.append("%s has %s metric %s pref %s best %s via %s if %s, expected metric "
                              "%d pref 110 best%s" % (
                                  node, prefix, f["metric"], f["pref"], f["best"],
                                  f.get("nexthop"), f.get("if"), metric,
                                  " via %s if 1" % L.DAEMON4 if k == 0 else ""))
        if k == 0:
            errors += L.learnt_beyond(routes, want)
    return errors


def bird_lsdb(lab):
    """BIRD's `show ospf lsadb`: {(type, id, adv router, seq, checksum)} (4 hex digits each)."""
    out = set()
    for line in lab.birdc("show ospf lsadb", check=False).splitlines():
        m = re.match(r"^\s*([0-9a-f]{4})\s+(\S+)\s+(\S+)\s+([0-9a-f]{8})\s+\d+\s+([0-9a-f]+)\s*$",
                     line)
        if m:
            out.add((int(m.group(1), 16), m.group(2), m.group(3), m.group(4),
                     "%04x" % int(m.group(5), 16)))
    return out


def sim_lsdb(lab, node):
    """The simulated router's database from its last `lsdb` line (same tuples), and its id."""
    lines = lab.sim.lines_of("lsdb", node=node)
    if not lines:
        return set(), None
    out = set()
    for item in lines[-1].get("lsas", "").split(","):
        if item:
            t, lsid, adv, seq, cksum = item.split("/")
            out.add((int(t), lsid, adv, seq, cksum))
    return out, lines[-1]["rid"]


def lsdb_mismatches(lab):
    bird = bird_lsdb(lab)
    errors = []
    if not bird:
        return ["BIRD's database is empty"]
    for k in range(ROUTERS):
        node = "r%d" % (k + 1)
        sim, _ = sim_lsdb(lab, node)
        for lsa in sorted(bird - sim):
            errors.append("%s lacks BIRD's LSA %s" % (node, "/".join(map(str, lsa))))
        for lsa in sorted(sim - bird):
            errors.append("BIRD lacks %s's LSA %s" % (node, "/".join(map(str, lsa))))
    return errors


def bird_neighbors(lab):
    """BIRD's neighbours: [(router id, state, address)]."""
    out = []
    for line in lab.birdc("show ospf neighbors ospf1", check=False).splitlines():
        f = line.split()
        if len(f) >= 6 and re.match(r"^\d+\.\d+\.\d+\.\d+$", f[0]) and f[4] == L.DAEMON_IF:
            out.append((f[0], f[2], f[5]))
    return out


def adjacency_mismatches(lab, bird_state):
    errors = []
    _, rid = sim_lsdb(lab, "r1")
    nbrs = bird_neighbors(lab)
    if [(n[0], n[1], n[2]) for n in nbrs] != [(rid, bird_state, L.SIM4)]:
        errors.append("BIRD's neighbours are %s, expected r1 (%s) %s at %s" % (
            nbrs, rid, bird_state, L.SIM4))
    changes = lab.sim.lines_of("ospf-nbr", node="r1", **{"if": "1"})
    if not changes or changes[-1]["to"] != "Full" or changes[-1]["router"] != L.DAEMON4:
        errors.append("r1's neighbour on interface 1 is not BIRD (%s) in Full: %s" % (
            L.DAEMON4, changes[-1] if changes else "no neighbour"))
    return errors


def wait_converged(lab, what, bird_state, down=(), timeout=CONVERGE_S):
    at_bird = expected_at_bird(lab, down)
    at_sim = expected_at_sim(lab, down)
    last = {"errors": []}

    def ok():
        last["errors"] = (adjacency_mismatches(lab, bird_state) + lsdb_mismatches(lab) +
                          bird_mismatches(lab, at_bird) + sim_mismatches(lab, at_sim))
        return not last["errors"]

    try:
        return lab.wait(ok, timeout, what, poll=0.2)
    except L.CheckFailed as e:
        raise L.CheckFailed("%s\n  %s" % (e, "\n  ".join(last["errors"][:12])))


def no_drops(lab):
    c = lab.sim.counters_of("r1")
    if int(c["drops"]) != 0:
        raise L.CheckFailed("r1 dropped packets of BIRD: %s" % " ".join(
            "%s=%s" % (k, v) for k, v in c.items() if k.startswith("drop")))
    return c


# -------------------------------------------------------------------- scenarios

def full(kind, auth_bird="", auth_sim=(), failure=False):
    """Adjacency, identical databases, routes both ways, ping; with failure, the ring link goes
    down and comes back."""
    broadcast = kind == "broadcast"
    bird_state = "Full/DR" if broadcast else "Full/PtP"

    def scenario(lab):
        # On the broadcast network r1 must win the election (priority 10 over BIRD's 1).
        lab.start_bird(render(lab, kind, auth_bird, priority=1))
        lab.start_sim(sim_args(kind, list(auth_sim) +
                               (["--ospfPriority=10"] if broadcast else [])))
        m = {"converged_s": wait_converged(lab, "OSPF did not converge", bird_state)}
        m["lsas"] = len(bird_lsdb(lab))
        m["routes_to_bird"] = len(expected_at_bird(lab))
        m["routes_from_bird"] = len(expected_at_sim(lab)[0])
        if broadcast:
            _, rid = sim_lsdb(lab, "r1")
            ifs = lab.sim.lines_of("ospf-if", node="r1", **{"if": "1"})
            if not ifs or (ifs[-1]["to"], ifs[-1]["dr"], ifs[-1]["bdr"]) != ("DR", L.SIM4,
                                                                             L.DAEMON4):
                raise L.CheckFailed("r1's interface toward BIRD is not DR with BIRD as BDR: %s"
                                    % (ifs[-1] if ifs else "no state"))
            if not any(lsa[0] == 2 and lsa[1] == L.SIM4 and lsa[2] == rid
                       for lsa in bird_lsdb(lab)):
                raise L.CheckFailed("BIRD has no Network-LSA of r1 for the tap's network")
            out = lab.birdc("show ospf interface ospf1 \"%s\"" % L.DAEMON_IF, check=False)
            if "Designated router (ID): %s" % rid not in out:
                raise L.CheckFailed("BIRD does not name r1 (%s) DR:\n%s" % (rid, out))
        host = lab.sim.host_address()
        sent, received, rtt = lab.ping(host, L.STUB4)
        if received < sent - 1:
            raise L.CheckFailed("ping %s from %s: %d of %d answered" % (host, L.STUB4, received,
                                                                        sent))
        m["ping"] = "%d/%d" % (received, sent)
        if failure:
            lab.sim.signal(signal.SIGUSR1)
            lab.wait(lambda: lab.sim.lines_of("link", op="down"), 5, "the link did not go down")
            m["failure_s"] = wait_converged(lab, "OSPF did not reconverge after the failure",
                                            bird_state, down=(RING_LINK,))
            longer = [p for p, c in expected_at_bird(lab, (RING_LINK,)).items()
                      if c > expected_at_bird(lab).get(p, c)]
            m["bird_routes_longer"] = len(longer)
            m["bird_routes_gone"] = len(set(expected_at_bird(lab)) -
                                        set(expected_at_bird(lab, (RING_LINK,))))
            if not longer:
                raise L.CheckFailed("the failure changed none of BIRD's routes (bad lab)")
            lab.sim.signal(signal.SIGUSR2)
            lab.wait(lambda: lab.sim.lines_of("link", op="up"), 5, "the link did not come up")
            m["repair_s"] = wait_converged(lab, "OSPF did not reconverge after the repair",
                                           bird_state)
        lab.sim.stop()
        c = no_drops(lab)
        m["r1_lsas_received"] = int(c["lsas-received"])
        return m
    return scenario


def refused(bird_key, sim_key):
    """A wrong MD5 key: r1 drops BIRD's packets as bad-auth, BIRD refuses ours, no adjacency."""
    def scenario(lab):
        lab.start_bird(render(lab, "ptp", md5(bird_key)))
        lab.start_sim(sim_args("ptp", ["--ospfMd5Key=" + sim_key]))

        def drops():
            return [d for d in lab.sim.drops
                    if d["node"] == "r1" and d["from"] == L.DAEMON4 and d["reason"] == "bad-auth"]
        m = {"refused_after_s": lab.wait(lambda: len(drops()) >= 3, 10,
                                         "r1 did not drop BIRD's packets as bad-auth")}
        lab.wait(lambda: "authentication failed" in lab.bird_log().lower(), 10,
                 "BIRD did not log an authentication failure for our packets")
        time.sleep(DEAD)
        if bird_neighbors(lab):
            raise L.CheckFailed("BIRD has neighbours despite the wrong key: %s" %
                                bird_neighbors(lab))
        if lab.sim.lines_of("ospf-nbr", node="r1", **{"if": "1"}):
            raise L.CheckFailed("r1 saw BIRD as a neighbour despite the wrong key")
        lab.sim.stop()
        c = lab.sim.counters_of("r1")
        m["r1_drop_bad_auth"] = int(c.get("drop:bad-auth", "0"))
        if m["r1_drop_bad_auth"] < 3 or int(c["drops"]) != m["r1_drop_bad_auth"]:
            raise L.CheckFailed("r1's counters do not match its drops: %s" % c)
        return m
    return scenario


def md5(key):
    return ('authentication cryptographic; password "%s" { id 1; algorithm keyed md5; };'
            % key)


def scenarios():
    return [
        ("ospf-ptp", full("ptp", failure=True)),
        ("ospf-broadcast", full("broadcast")),
        ("ospf-md5", full("ptp", md5(MD5_KEY), ["--ospfMd5Key=" + MD5_KEY])),
        ("ospf-md5-wrong-key", refused(MD5_KEY, "not-the-ospf-key")),
    ]
