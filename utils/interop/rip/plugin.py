# SPDX-License-Identifier: GPL-2.0-only
"""RIP plug-in of the real-daemon harness: BIRD's RIPv2 and RIPng against the RTM's clients.

A plug-in is three things: a BIRD configuration template (bird.conf.in, next to this file),
the simulated program's --protocol (rip, ripng) with its options, and the checks below. The
harness (interop.py) calls scenarios(); each scenario runs in a fresh lab (lab.py).

What is checked, per scenario:
  converge   every subnet of the simulated network reaches BIRD (`birdc show route all`) with
             the RIP metric, route tag and next hop it must have, and BIRD's prefixes reach every
             simulated router (the RTM tables, as rtm-interop prints them) with theirs; nothing
             else is learnt on either side.
  ping       IPv4 or IPv6 from the daemon's namespace (its stub address and its link address)
             to the host behind the last simulated router, and back.
  restart    `birdc restart` of BIRD's RIP protocol mid-run: BIRD relearns everything; the
             simulated routers keep or relearn every route.
  silence    `birdc disable`: the simulated routers' routes from BIRD time out (TimeoutDelay)
             everywhere; `birdc enable`: they come back.
  refused    wrong password or key: nothing crosses, both sides drop and count the messages.
"""

import ipaddress
import os
import string
import time

import lab as L

HERE = os.path.dirname(os.path.abspath(__file__))

# Timers on both sides (shorter than the RFC's so that a run takes seconds, same ratios).
UPDATE, TIMEOUT, GARBAGE = 5, 15, 10
SIM_TIMERS = [
    "--ns3::RtmRipBase::UpdateInterval=%ds" % UPDATE,
    "--ns3::RtmRipBase::UpdateJitter=1s",
    "--ns3::RtmRipBase::TimeoutDelay=%ds" % TIMEOUT,
    "--ns3::RtmRipBase::GarbageCollectionDelay=%ds" % GARBAGE,
    "--ns3::RtmRipBase::StartupDelay=0.5s",
    "--ns3::RtmRipBase::MinTriggeredCooldown=0.2s",
    "--ns3::RtmRipBase::MaxTriggeredCooldown=1s",
]
ROUTERS = 3
STUBS = 30          # stub subnets behind the last simulated router
STATICS = 30        # prefixes BIRD advertises besides its stub subnet
STATIC_METRIC, STATIC_TAG = 3, 77
ORIGIN_METRIC, ORIGIN_TAG = 2, 42   # what the last simulated router gives its own subnets
CONVERGE_S = 30

PASSWORD = "rtm-interop-pw"                       # plain text: at most 16 bytes
MD5_KEY = "rtm-md5-key-0001"                      # keyed MD5: at most 16 bytes
HMAC_KEY = "rtm-interop-hmac-sha256-key-0032"     # 32 bytes: see the HMAC key-length decision
HMAC_LONG_KEY = "rtm-interop-" + "k" * 58         # 70 bytes: hashed first on both sides


class Family:
    """What differs between RIPv2 and RIPng in the checks."""

    def __init__(self, ng):
        self.ng = ng
        self.name = "ipv6" if ng else "ipv4"
        self.protocol = "ripng" if ng else "rip"
        self.bird_proto = "ripng1" if ng else "rip1"

    def statics(self):
        if self.ng:
            return [canonical("fd00:77:%x::/64" % (0x128 + i)) for i in range(STATICS)]
        return ["10.77.%d.0/24" % (128 + i) for i in range(STATICS)]

    def stub(self):
        return canonical(L.STUB_NET6 if self.ng else L.STUB_NET4)


def canonical(prefix):
    """One spelling per prefix (BIRD, ns-3 and Python write IPv6 alike, but be sure)."""
    return ipaddress.ip_network(prefix).compressed


def render(lab, fam, auth=""):
    with open(os.path.join(HERE, "bird.conf.in")) as f:
        tpl = string.Template(f.read())
    statics = " ".join("route %s blackhole;" % p for p in fam.statics())
    return tpl.substitute(
        log=lab.bird_log_path, router_id=L.DAEMON4, channel=fam.name, stub_if=L.STUB_IF,
        statics=statics, ng=" ng" if fam.ng else "", proto_name=fam.bird_proto,
        static_metric=STATIC_METRIC, static_tag=STATIC_TAG, ext_if=L.DAEMON_IF,
        update=UPDATE, timeout=TIMEOUT, garbage=GARBAGE, auth=auth)


def sim_args(fam, extra=()):
    return ["--protocol=" + fam.protocol, "--routers=%d" % ROUTERS, "--stubs=%d" % STUBS,
            "--%sOriginMetric=%d" % (fam.protocol, ORIGIN_METRIC),
            "--%sOriginTag=%d" % (fam.protocol, ORIGIN_TAG)] + SIM_TIMERS + list(extra)


# -------------------------------------------------------------------- expectations

def expected_at_bird(lab, fam):
    """prefix -> (metric, tag, via) BIRD must have from the simulated routers: each subnet from
    the router nearest to r1 that has it; metric = its origin metric + one per router on the
    way + BIRD's own interface metric 1; tag = its origin's (only the last router tags)."""
    sim = lab.sim
    last = ROUTERS - 1
    via = sim.ready["ll6"] if fam.ng else L.SIM4
    out = {}
    for n in sim.networks:
        if n["kind"] == "external":
            continue  # r1's subnet toward BIRD is never advertised back on it
        routers = n["routers"].split(",")
        origin = min(int(r[1:]) - 1 for r in routers)
        metric = (ORIGIN_METRIC if origin == last else 1) + origin + 1
        tag = ORIGIN_TAG if origin == last else 0
        out[canonical(n["prefix6" if fam.ng else "prefix4"])] = (metric, tag, via)
    return out


def expected_at_sim(fam):
    """prefix -> (metric at r1, tag) the simulated routers must have from BIRD (router k adds
    k more)."""
    out = {p: (STATIC_METRIC + 1, STATIC_TAG) for p in fam.statics()}
    out[fam.stub()] = (1 + 1, 0)
    return out


def bird_mismatches(lab, fam, expected, since=None):
    """What BIRD's RIP routes lack or have wrong (empty when all is as expected); with since,
    routes BIRD has held from before that time count as missing."""
    got = {canonical(r["prefix"]): r for r in lab.bird_routes(fam.bird_proto)}
    errors = []
    if since is not None:
        old = [p for p, r in got.items() if not L.not_before(r["since"], since)]
        errors += ["BIRD still has %s from before its restart" % p for p in sorted(old)]
    for prefix, (metric, tag, via) in sorted(expected.items()):
        r = got.get(prefix)
        if r is None:
            errors.append("BIRD lacks %s" % prefix)
            continue
        rip_metric = int(r["attrs"].get("RIP.metric", "-1"))
        rip_tag = int(r["attrs"].get("RIP.tag", "-1"), 16)
        if (rip_metric, rip_tag, r["via"], r["iface"]) != (metric, tag, via, L.DAEMON_IF):
            errors.append("BIRD has %s metric %d tag %d via %s on %s, expected %d %d %s on %s" % (
                prefix, rip_metric, rip_tag, r["via"], r["iface"], metric, tag, via,
                L.DAEMON_IF))
    for prefix in sorted(set(got) - set(expected)):
        errors.append("BIRD learnt %s, which the simulated network does not have" % prefix)
    return errors


def sim_mismatches(lab, fam, expected):
    """What the simulated routers' RIP routes from BIRD lack or have wrong."""
    sim = lab.sim
    errors = []
    for k in range(ROUTERS):
        node = "r%d" % (k + 1)
        routes = {}
        for f, _ in sim.find(node=node, family=fam.name, proto="RIP"):
            routes.setdefault(canonical(f["prefix"]), []).append(f)
        for prefix, (metric, tag) in sorted(expected.items()):
            rs = routes.get(prefix, [])
            if len(rs) != 1:
                errors.append("%s has %d RIP routes to %s, expected 1" % (node, len(rs), prefix))
                continue
            f = rs[0]
            want_metric = metric + k
            nexthop, iface = f.get("nexthop"), f.get("if")
            if k == 0:
                want_hop = lab.daemon_ll6 if fam.ng else L.DAEMON4
                hop_ok = nexthop == want_hop and iface == "1"
            elif fam.ng:
                want_hop = "a link-local address of r%d" % k
                hop_ok = nexthop is not None and nexthop.startswith("fe80:")
            else:
                want_hop = "10.78.%d.1" % k
                hop_ok = nexthop == want_hop
            if (int(f["metric"]), int(f["info"]), f["best"]) != (want_metric, tag, "1") or \
                    not hop_ok:
                errors.append("%s has %s metric %s tag %s next hop %s if %s best %s, expected "
                              "metric %d tag %d next hop %s, best" % (
                                  node, prefix, f["metric"], f["info"], nexthop, iface,
                                  f["best"], want_metric, tag, want_hop))
        if k == 0:
            errors += L.learnt_beyond(routes, expected)
    return errors


def wait_converged(lab, fam, what, timeout=CONVERGE_S, since=None):
    """Wait until both sides hold exactly what they must (BIRD: learnt after `since`, if
    given); return the seconds it took."""
    at_bird = expected_at_bird(lab, fam)
    at_sim = expected_at_sim(fam)
    last = {"errors": []}

    def ok():
        last["errors"] = (bird_mismatches(lab, fam, at_bird, since) +
                          sim_mismatches(lab, fam, at_sim))
        return not last["errors"]

    try:
        return lab.wait(ok, timeout, what, poll=0.2)
    except L.CheckFailed as e:
        raise L.CheckFailed("%s\n  %s" % (e, "\n  ".join(last["errors"][:12])))


def daemon_routes_gone(lab, fam):
    """True when no simulated router has a RIP route to any of BIRD's prefixes."""
    prefixes = set(expected_at_sim(fam))
    return not any(canonical(f["prefix"]) in prefixes
                   for f, _ in lab.sim.find(family=fam.name, proto="RIP"))


# -------------------------------------------------------------------- scenarios

def full(fam, silence):
    """Converge, ping, restart BIRD's protocol (and, with silence, disable and enable it)."""
    def scenario(lab):
        lab.start_bird(render(lab, fam))
        lab.start_sim(sim_args(fam))
        m = {}
        m["converged_s"] = wait_converged(lab, fam, "routes did not converge")
        m["routes_to_bird"] = len(expected_at_bird(lab, fam))
        m["routes_from_bird"] = len(expected_at_sim(fam))
        host = lab.sim.host_address("ipv6" if fam.ng else "ipv4")
        for label, source in (("ping_stub", L.STUB6 if fam.ng else L.STUB4), ("ping_link", None)):
            sent, received, rtt = lab.ping(host, source)
            if received < sent - 1:
                raise L.CheckFailed("ping %s from %s: %d of %d answered" % (
                    host, source or "the link address", received, sent))
            m[label] = "%d/%d" % (received, sent)
            m[label + "_rtt_ms"] = rtt
        # A restart of BIRD's protocol: it forgets its routes, asks again, relearns them.
        dels_before = sum(1 for line in lab.sim.lines if " op=del " in line)
        before = lab.bird_protocol_since(fam.bird_proto)
        t0 = time.monotonic()
        lab.birdc("restart %s" % fam.bird_proto)
        lab.wait(lambda: lab.bird_protocol_since(fam.bird_proto) not in (None, before), 10,
                 "birdc restart did not restart %s" % fam.bird_proto)
        wait_converged(lab, fam, "routes did not come back after birdc restart",
                       since=lab.bird_protocol_since(fam.bird_proto))
        m["restart_relearn_s"] = time.monotonic() - t0
        m["restart_sim_route_dels"] = sum(1 for line in lab.sim.lines
                                          if " op=del " in line) - dels_before
        if silence:
            # BIRD falls silent: every simulated router must drop BIRD's routes by timeout.
            t0 = time.monotonic()
            lab.birdc("disable %s" % fam.bird_proto)
            lab.wait(lambda: daemon_routes_gone(lab, fam),
                                              TIMEOUT + UPDATE + 15,
                                              "BIRD's routes did not time out after disable")
            m["silence_expired_s"] = time.monotonic() - t0
            if lab.bird_routes(fam.bird_proto):
                raise L.CheckFailed("BIRD kept RIP routes while disabled")
            lab.birdc("enable %s" % fam.bird_proto)
            m["enable_relearn_s"] = wait_converged(lab, fam, "routes did not come back after "
                                                   "birdc enable")
        lab.sim.stop()
        c = lab.sim.counters_of("r1")
        if silence and int(c["expired"]) < len(expected_at_sim(fam)):
            raise L.CheckFailed("r1 counted %s expired routes, expected at least %d" % (
                c["expired"], len(expected_at_sim(fam))))
        if int(c["drops"]) != 0:
            raise L.CheckFailed("r1 dropped messages of BIRD: %s" % " ".join(
                "%s=%s" % (k, v) for k, v in c.items() if k.startswith("drop")))
        m["r1_updates_received"] = int(c["updates-received"])
        return m
    return scenario


def authenticated(bird_auth, sim_auth, key):
    fam = Family(False)

    def scenario(lab):
        lab.start_bird(render(lab, fam, bird_auth))
        lab.start_sim(sim_args(fam, ["--ripAuth=" + sim_auth, "--ripKey=" + key]))
        m = {"converged_s": wait_converged(lab, fam, "routes did not converge"),
             "routes_to_bird": len(expected_at_bird(lab, fam)),
             "routes_from_bird": len(expected_at_sim(fam))}
        lab.sim.stop()
        c = lab.sim.counters_of("r1")
        if int(c["drops"]) != 0:
            raise L.CheckFailed("r1 dropped messages of BIRD: %s" % c)
        return m
    return scenario


def refused(bird_auth, sim_auth, key, reason, bird_says):
    """A wrong password or key: BIRD's messages are dropped and counted as `reason` on our side,
    ours are refused by BIRD (its log says `bird_says`), and no route crosses."""
    fam = Family(False)

    def scenario(lab):
        lab.start_bird(render(lab, fam, bird_auth))
        lab.start_sim(sim_args(fam, ["--ripAuth=" + sim_auth, "--ripKey=" + key]))

        def drops():
            return [d for d in lab.sim.drops
                    if d["node"] == "r1" and d["from"] == L.DAEMON4 and d["reason"] == reason]
        m = {"refused_after_s": lab.wait(lambda: len(drops()) >= 2, 2 * UPDATE + 10,
                                         "r1 did not drop BIRD's messages as %s" % reason)}
        lab.wait(lambda: bird_says in lab.bird_log(), 10,
                 "BIRD did not log '%s' for our messages" % bird_says)
        if not daemon_routes_gone(lab, fam):
            raise L.CheckFailed("a simulated router learnt BIRD's routes despite %s" % reason)
        if lab.bird_routes(fam.bird_proto):
            raise L.CheckFailed("BIRD learnt routes despite the wrong key")
        lab.sim.stop()
        c = lab.sim.counters_of("r1")
        m["r1_drop_" + reason] = int(c.get("drop:" + reason, "0"))
        if m["r1_drop_" + reason] < 2 or int(c["drops"]) != m["r1_drop_" + reason]:
            raise L.CheckFailed("r1's counters do not match its drops: %s" % c)
        return m
    return scenario


def scenarios():
    crypto = 'authentication cryptographic; password "%s" { id 1; algorithm %s; };'
    plain = 'authentication plaintext; password "%s";'
    return [
        ("rip", full(Family(False), silence=True)),
        ("rip-password", authenticated(plain % PASSWORD, "password", PASSWORD)),
        ("rip-md5", authenticated(crypto % (MD5_KEY, "keyed md5"), "md5", MD5_KEY)),
        ("rip-hmac-sha256", authenticated(crypto % (HMAC_KEY, "hmac sha256"), "hmac-sha256",
                                          HMAC_KEY)),
        ("rip-hmac-sha256-long-key", authenticated(crypto % (HMAC_LONG_KEY, "hmac sha256"),
                                                   "hmac-sha256", HMAC_LONG_KEY)),
        ("rip-wrong-password", refused(plain % PASSWORD, "password", "not-the-password",
                                       "auth-mismatch", "wrong password")),
        ("rip-wrong-hmac-key", refused(crypto % (HMAC_KEY, "hmac sha256"), "hmac-sha256",
                                       "not-the-key", "auth-bad-digest",
                                       "wrong authentication code")),
        ("ripng", full(Family(True), silence=False)),
    ]
