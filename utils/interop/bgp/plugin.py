# SPDX-License-Identifier: GPL-2.0-only
"""BGP plug-in of the real-daemon harness: BIRD 2's BGP against the RTM's BGP speaker.

The simulated side is a line r1-r2-r3, router k in AS 65000 + k, eBGP on each link, each
redistributing its connected subnets (IPv4 and IPv6 unicast, one IPv4-transport session per
link, MP-BGP for IPv6). r1 peers with BIRD over the tap: eBGP (BIRD in AS 65077) or iBGP (BIRD in
AS 65001, r1 with next-hop-self). BIRD announces its stub subnet and STATICS static prefixes per
family; the export filter tags static i (i % 4 == 1) with community (BIRD_AS, 666) and (i % 4 == 2)
with (BIRD_AS, 300) and MED 7.

What is checked, per scenario:
  session    Established on both sides (`birdc show protocols`, r1's State trace).
  routes     every simulated subnet, both families, reaches BIRD (`show route all protocol
             bgp1`) with the AS path it must have (the ASes from r1 to the nearest router that
             has the subnet; iBGP: without r1's) and r1's address as next hop (IPv6: its global
             or link-local address), and BIRD's kernel protocol installs them (the tap's own
             subnet excepted); BIRD's prefixes reach every simulated router, in the RTM, as BGP
             routes with preference 20 (eBGP; r1 over iBGP: 200), metric the AS-path length,
             r1's through BIRD's address, r1's best with BIRD's MED (7 on the (BIRD_AS, 300)
             routes), LOCAL_PREF (iBGP: 100) and AS path (eBGP: BIRD's 4-octet AS); nothing else
             on either side.
  open       BIRD reads r1's capabilities (multiprotocol IPv4 and IPv6, route refresh, 4-octet
             AS), the hold time and the session kind (`show protocols all`).
  refresh    `birdc reload in bgp1`: BIRD sends ROUTE-REFRESH for both families (r1 counts
             them), r1 sends every route again (BIRD's import counters), nothing changes.
  policy     (eBGP) BIRD's import filter rejects 5 of r3's stub subnets per family: they are in
             `show route filtered` (received, kept filtered) and not among BIRD's routes; r1's
             import policy rejects the (BIRD_AS, 666) routes (absent everywhere, counted as
             import rejects) and gives the (BIRD_AS, 300) routes LOCAL_PREF 300 (r1's best
             routes say so); r1's export policy prepends 65001 twice to the host subnet and adds
             community (65001, 99) to the stub subnets: BIRD's AS paths and communities show it.
  ping       (eBGP) from BIRD's stub addresses to the host behind r3, IPv4 and IPv6.
  notify     (both) `birdc disable bgp1`: BIRD sends a NOTIFICATION (Cease, administrative shutdown);
             r1's session goes to Idle with it, then tries again (Connect/Active), and every route
             learnt from BIRD leaves every simulated router; `birdc enable bgp1`: Established
             again and everything is relearnt.
  reset      `birdc restart bgp1`: NOTIFICATION (Cease, administrative reset), the session is
             re-established and BIRD's routes are relearnt (added after the reset) everywhere;
             r1 received exactly the two NOTIFICATIONs and three OPENs.
  silence    (eBGP) BIRD stopped (SIGSTOP): r1's hold timer expires, r1 sends a NOTIFICATION
             (Hold Timer Expired, its only one) and withdraws BIRD's routes everywhere; BIRD
             resumed (SIGCONT): Established again, everything relearnt.
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

ROUTERS = 3
STUBS = 10
STATICS = 12
SIM_AS = 65001
BIRD_EBGP_AS = 4200000077  # a 4-octet AS (RFC 6793) for the eBGP scenario
TAG_AS = 65077  # the AS half of BIRD's communities (2 octets, RFC 1997)
HOLD = 6
CONVERGE_S = 30
BIRD_REJECTS = range(5, 10)  # r3's stub subnets BIRD's import filter rejects
SIM_TIMERS = [
    "--ns3::RtmBgpSpeaker::MraiEbgp=0s", "--ns3::RtmBgpSpeaker::MraiIbgp=0s",
    "--ns3::RtmBgpSpeaker::StartupDelay=0s", "--ns3::RtmBgpSpeaker::IdleHoldTime=1s",
    "--bgpConnectRetry=1s", "--bgpHoldTime=%d" % HOLD,
]
CEASE, ADMIN_SHUTDOWN, ADMIN_RESET, HOLD_TIMER_EXPIRED = 6, 2, 4, 4


def canonical(prefix):
    return ipaddress.ip_network(prefix).compressed


def statics(family):
    if family == "ipv6":
        return [canonical("fd00:77:%x::/64" % (0x128 + i)) for i in range(STATICS)]
    return ["10.77.%d.0/24" % (128 + i) for i in range(STATICS)]


def community_of(i):
    return {1: 666, 2: 300}.get(i % 4)


def bird_rejected(family):
    if family == "ipv6":
        return [canonical("fd00:79:%x::/64" % j) for j in BIRD_REJECTS]
    return ["10.79.%d.0/24" % j for j in BIRD_REJECTS]


class Setup:
    """One scenario's configuration: eBGP or iBGP, policies or not."""

    def __init__(self, ibgp, policy):
        self.ibgp = ibgp
        self.policy = policy
        self.bird_as = SIM_AS if ibgp else BIRD_EBGP_AS

    def render(self, lab):
        with open(os.path.join(HERE, "bird.conf.in")) as f:
            tpl = string.Template(f.read())
        tags = []
        for fam in ("ipv4", "ipv6"):
            for i, p in enumerate(statics(fam)):
                c = community_of(i)
                if c is not None:
                    extra = " bgp_med = 7;" if c == 300 else ""
                    tags.append("if net = %s then { bgp_community.add((%d, %d));%s }"
                                % (p, TAG_AS, c, extra))
        rejects = ["if net = %s then reject;" % p
                   for fam in ("ipv4", "ipv6") for p in bird_rejected(fam)] if self.policy else []
        gateway = "gateway direct;" if self.ibgp else ""
        return tpl.substitute(
            log=lab.bird_log_path, router_id=L.DAEMON4, stub_if=L.STUB_IF, link4=L.LINK4,
            link6=L.LINK6,
            statics4=" ".join("route %s blackhole;" % p for p in statics("ipv4")),
            statics6=" ".join("route %s blackhole;" % p for p in statics("ipv6")),
            tags="\n    ".join(tags), import_filter="\n  ".join(rejects),
            local=L.DAEMON4, local_as=self.bird_as, neighbor=L.SIM4, neighbor_as=SIM_AS,
            hold=HOLD, session="direct;" if self.ibgp else "",
            channel4=gateway, channel6=gateway)

    def sim_args(self):
        return ["--protocol=bgp", "--routers=%d" % ROUTERS, "--stubs=%d" % STUBS,
                "--bgpAs=%d" % SIM_AS, "--bgpPeer=" + L.DAEMON4,
                "--bgpPeerAs=%d" % self.bird_as, "--bgpPeerTagAs=%d" % TAG_AS,
                "--bgpPolicy=%d" % (1 if self.policy else 0)] + SIM_TIMERS

    # ---------------------------------------------------------------- expectations

    def expected_at_bird(self, lab, family):
        """prefix -> (AS path, communities) of BIRD's routes from the simulated side."""
        key = "prefix6" if family == "ipv6" else "prefix4"
        out = {}
        for n in lab.sim.networks:
            prefix = canonical(n[key])
            if self.policy and prefix in bird_rejected(family):
                continue
            origin = min(int(r[1:]) - 1 for r in n["routers"].split(","))
            path = [SIM_AS + k for k in range(origin + 1)]
            if self.ibgp:
                path = path[1:]
            communities = ""
            if self.policy and n["kind"] == "host":
                path = [SIM_AS, SIM_AS] + path
            if self.policy and n["kind"] == "stub":
                communities = "(%d,99)" % SIM_AS
            out[prefix] = (" ".join(map(str, path)), communities)
        return out

    def expected_at_sim(self, family):
        """prefix -> (AS path, LOCAL_PREF, MED) of r1's best route ('-' when empty or absent)
        for BIRD's routes."""
        out = {}
        path = "-" if self.ibgp else str(self.bird_as)
        plain = "100" if self.ibgp else "-"
        for i, p in enumerate(statics(family)):
            c = community_of(i)
            if self.policy and c == 666:
                continue
            out[p] = (path, "300" if self.policy and c == 300 else plain,
                      "7" if c == 300 else "-")
        out[canonical(L.STUB_NET6 if family == "ipv6" else L.STUB_NET4)] = (path, plain, "-")
        return out

    def bird_mismatches(self, lab):
        errors = []
        got = collections.defaultdict(dict)
        for r in lab.bird_routes("bgp1"):
            fam = "ipv6" if ":" in r["prefix"] else "ipv4"
            got[fam][canonical(r["prefix"])] = r
        for fam in ("ipv4", "ipv6"):
            want = self.expected_at_bird(lab, fam)
            hops = (L.SIM4,) if fam == "ipv4" else (L.SIM6, lab.sim.ready.get("ll6"))
            for prefix, (path, communities) in sorted(want.items()):
                r = got[fam].get(prefix)
                if r is None:
                    errors.append("BIRD lacks %s" % prefix)
                    continue
                if r["sync_error"]:
                    errors.append("BIRD could not install %s in the kernel" % prefix)
                a = r["attrs"]
                have = (a.get("BGP.as_path", ""), a.get("BGP.community", ""))
                if have != (path, communities) or r["via"] not in hops:
                    errors.append("BIRD has %s path '%s' communities '%s' via %s, expected '%s' "
                                  "'%s' via %s" % (prefix, have[0], have[1], r["via"], path,
                                                   communities, " or ".join(hops)))
            for prefix in sorted(set(got[fam]) - set(want)):
                errors.append("BIRD has %s from the simulated side, which it should not" % prefix)
        return errors

    def sim_mismatches(self, lab):
        errors = []
        for fam in ("ipv4", "ipv6"):
            want = self.expected_at_sim(fam)
            best = latest_best(lab)
            for k in range(ROUTERS):
                node = "r%d" % (k + 1)
                routes = collections.defaultdict(list)
                for f, _ in lab.sim.find(node=node, family=fam, proto="BGP"):
                    routes[canonical(f["prefix"])].append(f)
                pref = "200" if self.ibgp and k == 0 else "20"
                length = k + (0 if self.ibgp else 1)
                for prefix, best_attrs in sorted(want.items()):
                    rs = routes.get(prefix, [])
                    if len(rs) != 1:
                        errors.append("%s has %d BGP routes to %s, expected 1" % (
                            node, len(rs), prefix))
                        continue
                    f = rs[0]
                    ok = (f["pref"], int(f["metric"]), f["best"]) == (pref, length, "1")
                    if k == 0:
                        hops = (L.DAEMON4,) if fam == "ipv4" else (L.DAEMON6, lab.daemon_ll6)
                        ok = ok and f.get("nexthop") in hops
                        b = best.get(prefix)
                        have = (b.get("aspath"), b.get("localpref"), b.get("med")) if b else None
                        if have != best_attrs:
                            errors.append("r1's best route to %s has AS path, LOCAL_PREF, MED %s, "
                                          "expected %s" % (prefix, have, best_attrs))
                    if not ok:
                        errors.append("%s has %s pref %s metric %s best %s via %s, expected "
                                      "pref %s metric %d" % (node, prefix, f["pref"], f["metric"],
                                                             f["best"], f.get("nexthop"), pref,
                                                             length))
                if k == 0:
                    from_bird = set(p for p, rs in routes.items()
                                    if any(f.get("if") == "1" for f in rs))
                    extra = from_bird - set(want)
                    if extra:
                        errors.append("r1 has BGP routes from BIRD it should not: %s" %
                                      ", ".join(sorted(extra)))
        return errors

    def wait_converged(self, lab, what, timeout=CONVERGE_S):
        last = {"errors": []}

        def ok():
            last["errors"] = (session_mismatches(lab) + self.bird_mismatches(lab) +
                              self.sim_mismatches(lab))
            return not last["errors"]

        try:
            return lab.wait(ok, timeout, what, poll=0.2)
        except L.CheckFailed as e:
            raise L.CheckFailed("%s\n  %s" % (e, "\n  ".join(last["errors"][:12])))

    def n_from_bird(self):
        return sum(len(self.expected_at_sim(f)) for f in ("ipv4", "ipv6"))


def latest_best(lab):
    out = {}
    for f in lab.sim.lines_of("bgp-best", node="r1"):
        out[canonical(f["prefix"])] = f
    return out


def bird_session(lab):
    """BIRD's `show protocols all bgp1`: (r1's capabilities text, session line, negotiated hold
    time, {channel: import updates received})."""
    out = lab.birdc("show protocols all bgp1", check=False)
    caps = re.search(r"Neighbor capabilities\n(.*?)\n\s*Session:", out, re.S)
    session = re.search(r"Session:\s+(.*)", out)
    hold = re.search(r"Hold timer:\s+[\d.]+/(\d+)", out)
    received = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"Channel (ipv4|ipv6)\n.*?Import updates:\s+(\d+)", out, re.S)}
    return (caps.group(1) if caps else "", session.group(1).strip() if session else "",
            int(hold.group(1)) if hold else None, received)


def capability_mismatches(lab, ibgp):
    """r1's OPEN as BIRD read it: multiprotocol IPv4 and IPv6 unicast, route refresh, 4-octet
    AS numbers; the hold time; the session kind."""
    caps, session, hold, _ = bird_session(lab)
    errors = ["BIRD does not see r1's capability '%s':\n%s" % (c, caps)
              for c in ("AF announced: ipv4 ipv6", "Route refresh", "4-octet AS numbers")
              if c not in caps]
    if hold != HOLD:
        errors.append("BIRD negotiated hold time %s, expected %d" % (hold, HOLD))
    want = "%s AS4" % ("internal" if ibgp else "external")
    if session != want:
        errors.append("BIRD's session is '%s', expected '%s'" % (session, want))
    return errors


def bird_state(lab):
    for line in lab.birdc("show protocols bgp1", check=False).splitlines():
        f = line.split()
        if len(f) >= 6 and f[0] == "bgp1":
            return f[3], " ".join(f[5:])
    return None, None


def r1_states(lab):
    return lab.sim.lines_of("bgp-state", node="r1", peer=L.DAEMON4)


def session_mismatches(lab):
    errors = []
    state, info = bird_state(lab)
    if (state, info) != ("up", "Established"):
        errors.append("BIRD's bgp1 is %s %s, not up Established" % (state, info))
    s = r1_states(lab)
    if not s or s[-1]["to"] != "Established":
        errors.append("r1's session with BIRD is %s, not Established" % (
            s[-1]["to"] if s else "not started"))
    return errors


def daemon_routes_gone(lab, setup):
    prefixes = set(setup.expected_at_sim("ipv4")) | set(setup.expected_at_sim("ipv6"))
    return not any(canonical(f["prefix"]) in prefixes for f, _ in lab.sim.find(proto="BGP"))


# -------------------------------------------------------------------- scenarios

def full(ibgp, policy, resets, silence=False):
    setup = Setup(ibgp, policy)

    def scenario(lab):
        lab.start_bird(setup.render(lab))
        lab.start_sim(setup.sim_args())
        m = {"established_converged_s": setup.wait_converged(lab, "BGP did not converge")}
        m["routes_to_bird"] = sum(len(setup.expected_at_bird(lab, f)) for f in ("ipv4", "ipv6"))
        m["routes_from_bird"] = setup.n_from_bird()
        errors = capability_mismatches(lab, ibgp)
        if errors:
            raise L.CheckFailed("\n".join(errors))
        # BIRD asks for r1's routes again (ROUTE-REFRESH, RFC 2918, one per family): r1 sends
        # every route it announces once more; nothing changes on either side.
        before = bird_session(lab)[3]
        n_sent = len(lab.sim.networks)
        t0 = time.monotonic()
        lab.birdc("reload in bgp1")
        lab.wait(lambda: all(bird_session(lab)[3].get(f, 0) - before.get(f, 0) >= n_sent
                             for f in ("ipv4", "ipv6")), 10,
                 "r1 did not answer BIRD's ROUTE-REFRESH with its %d routes per family" % n_sent)
        m["refresh_resent_s"] = time.monotonic() - t0
        setup.wait_converged(lab, "BGP changed after the ROUTE-REFRESH")
        if policy:
            filtered = set(canonical(r["prefix"]) for r in lab.bird_routes("bgp1", filtered=True))
            want = set(bird_rejected("ipv4") + bird_rejected("ipv6"))
            if filtered != want:
                raise L.CheckFailed("BIRD's filtered routes are %s, expected %s" % (
                    sorted(filtered), sorted(want)))
            m["bird_filtered"] = len(filtered)
            for fam in ("ipv4", "ipv6"):
                host = lab.sim.host_address(fam)
                sent, received, rtt = lab.ping(host, L.STUB6 if fam == "ipv6" else L.STUB4)
                if received < sent - 1:
                    raise L.CheckFailed("ping %s: %d of %d answered" % (host, received, sent))
                m["ping_" + fam] = "%d/%d" % (received, sent)
        if resets:
            # BIRD shuts the session down with a NOTIFICATION: r1 goes to Idle, withdraws
            # BIRD's routes everywhere, and keeps trying to connect.
            n0 = len(r1_states(lab))
            t0 = time.monotonic()
            lab.birdc("disable bgp1")
            lab.wait(lambda: any(s["from"] == "Established" and s["to"] == "Idle" and
                                 s["notification-in"] == "%d/%d" % (CEASE, ADMIN_SHUTDOWN)
                                 for s in r1_states(lab)[n0:]), 10,
                     "r1 did not go to Idle with BIRD's Cease/administrative shutdown")
            lab.wait(lambda: daemon_routes_gone(lab, setup), 10,
                     "BIRD's routes were not withdrawn from the simulated routers")
            m["shutdown_withdrawn_s"] = time.monotonic() - t0
            lab.wait(lambda: any(s["from"] == "Idle" and s["to"] in ("Connect", "Active")
                                 for s in r1_states(lab)[n0:]), 10,
                     "r1 did not try to reconnect after the NOTIFICATION")
            t0 = time.monotonic()
            lab.birdc("enable bgp1")
            setup.wait_converged(lab, "BGP did not come back after birdc enable")
            m["enable_relearn_s"] = time.monotonic() - t0
            # A reset: NOTIFICATION (administrative reset), re-established, relearnt.
            n0 = len(r1_states(lab))
            t_sim = lab.sim.now()
            t0 = time.monotonic()
            lab.birdc("restart bgp1")
            lab.wait(lambda: any(s["to"] == "Idle" and s["notification-in"] == "%d/%d" % (
                CEASE, ADMIN_RESET) for s in r1_states(lab)[n0:]), 10,
                "r1 did not go to Idle with BIRD's Cease/administrative reset")

            def relearnt():
                fresh = [t for f, t in lab.sim.find(node="r3", proto="BGP")
                         if canonical(f["prefix"]) in setup.expected_at_sim(f["family"])]
                return len(fresh) == setup.n_from_bird() and min(fresh) >= t_sim
            setup.wait_converged(lab, "BGP did not come back after birdc restart")
            lab.wait(relearnt, 10, "r3 did not relearn BIRD's routes after the reset")
            m["reset_relearn_s"] = time.monotonic() - t0
        if silence:
            # BIRD falls silent (SIGSTOP): r1's hold timer expires, r1 sends a NOTIFICATION
            # (Hold Timer Expired) and withdraws BIRD's routes everywhere; BIRD resumes
            # (SIGCONT), the session comes back and the routes are relearnt.
            n0 = len(r1_states(lab))
            t0 = time.monotonic()
            lab.bird.send_signal(signal.SIGSTOP)
            try:
                lab.wait(lambda: any(s["from"] == "Established" and s["to"] == "Idle" and
                                     s["notification-out"] == "%d/0" % HOLD_TIMER_EXPIRED
                                     for s in r1_states(lab)[n0:]), HOLD + 5,
                         "r1's hold timer did not expire while BIRD was silent")
                m["hold_expired_s"] = time.monotonic() - t0
                lab.wait(lambda: daemon_routes_gone(lab, setup), 5,
                         "BIRD's routes were not withdrawn after r1's hold timer expired")
            finally:
                lab.bird.send_signal(signal.SIGCONT)
            t0 = time.monotonic()
            setup.wait_converged(lab, "BGP did not come back after BIRD resumed")
            m["resume_relearn_s"] = time.monotonic() - t0
        m["r1_established"] = r1_states(lab)[-1]["established"]
        lab.sim.stop()
        c = lab.sim.counters_of("r1")
        if int(c["errors"]) != 0:
            raise L.CheckFailed("r1 found errors in BIRD's messages: %s" % c)
        # From BIRD: OPEN/UPDATE/NOTIFICATION/KEEPALIVE/ROUTE-REFRESH.
        opens, _, notifications, _, refreshes = (int(x) for x in c["daemon-in"].split("/"))
        want = (1 + (2 if resets else 0) + (1 if silence else 0), 2 if resets else 0)
        if (opens, notifications) != want or refreshes < 2:
            raise L.CheckFailed("r1 received %d OPEN, %d NOTIFICATION and %d ROUTE-REFRESH from "
                                "BIRD, expected %d, %d and 2 or more" % (
                                    opens, notifications, refreshes, want[0], want[1]))
        sent = int(c["daemon-out"].split("/")[2])
        if sent != (1 if silence else 0):
            raise L.CheckFailed("r1 sent BIRD %d NOTIFICATIONs, expected %d" % (
                sent, 1 if silence else 0))
        m["r1_updates_received"] = int(c["updates-received"])
        m["r1_import_rejects"] = int(c["import-rejects"])
        if policy and m["r1_import_rejects"] < 6:
            raise L.CheckFailed("r1 counted %d import rejects, expected at least 6" %
                                m["r1_import_rejects"])
        return m
    return scenario


def scenarios():
    return [
        ("bgp-ebgp", full(ibgp=False, policy=True, resets=True, silence=True)),
        ("bgp-ibgp", full(ibgp=True, policy=False, resets=True)),
    ]
