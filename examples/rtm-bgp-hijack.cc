/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bgp-hijack: a prefix hijack and its spread.
 *
 * The small Internet of rtm-bgp-internet (Gao–Rexford policies). At --hijackAt seconds, a stub
 * AS (--hijacker) starts originating the prefix of another stub (--victim): the same prefix,
 * or with --moreSpecific the two halves of it (which win everywhere by longest match). Every
 * second the example counts the ASes whose traffic for the victim's address space now goes to
 * the hijacker (their best route for the address originates at the hijacker), and prints
 *     t=SECONDS polluted=N of M
 * then a last line `hijack: polluted=N of M first=T full=T` (times of the first polluted AS and
 * of the final count). With --withdrawAt the hijack ends and the count must return to 0.
 *
 *   ./rtm-bgp-hijack [--hijacker=65207] [--victim=65201] [--moreSpecific] [--simTime=200]
 */
#include "ns3/core-module.h"
#include "ns3/rtm-bgp-internet.h"
#include "ns3/rtm-ns3-compat.h"

#include <iostream>

using namespace ns3;

namespace
{

/// \return the origin AS of the route \p s uses for \p address (0 if none)
uint32_t
OriginFor(Ptr<RtmBgpSpeaker> s, const RtmNetAddress& address, const RtmNetAddress& p16)
{
    // The longest prefix of ours that covers the address: the /17 halves, then the /16.
    for (uint16_t len : {17, 16})
    {
        RtmNetAddress p = address;
        p.numBits = len;
        p = p.Masked();
        if (!p16.Covers(p))
        {
            continue;
        }
        Ptr<const RtmBgpAttributes> a;
        uint32_t peer = 0;
        if (s->GetBest(p, a, peer))
        {
            return peer == RtmBgpSpeaker::LOCAL ? s->GetLocalAs() : a->asPath.OriginAs();
        }
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t hijacker = 65207;
    uint32_t victim = 65201;
    bool moreSpecific = false;
    double hijackAt = 60;
    double withdrawAt = 0;
    double simTime = 200;
    double mrai = 5;
    CommandLine cmd(__FILE__);
    cmd.AddValue("hijacker", "AS that hijacks", hijacker);
    cmd.AddValue("victim", "AS whose prefix is hijacked", victim);
    cmd.AddValue("moreSpecific", "announce the two more-specific /17s instead", moreSpecific);
    cmd.AddValue("hijackAt", "time of the hijack, s", hijackAt);
    cmd.AddValue("withdrawAt", "time the hijack ends, s (0: never)", withdrawAt);
    cmd.AddValue("simTime", "simulated seconds", simTime);
    cmd.AddValue("mrai", "MRAI of every session, s", mrai);
    cmd.Parse(argc, argv);

    RtmBgpInternet net = RtmBgpInternet::Small();
    RtmBgpHelper bgp;
    bgp.Set("MraiEbgp", TimeValue(Seconds(mrai)));
    net.Build(bgp);
    if (!net.SpeakerOf(hijacker) || !net.SpeakerOf(victim) || hijacker == victim)
    {
        std::cerr << "rtm-bgp-hijack: unknown or equal ASes" << std::endl;
        return 2;
    }
    RtmNetAddress prefix = net.PrefixOf(victim);
    std::vector<RtmNetAddress> bogus = {prefix};
    if (moreSpecific)
    {
        RtmNetAddress lo = prefix;
        lo.numBits = 17;
        RtmNetAddress hi = lo;
        hi.addrBits[2] |= 0x80;
        bogus = {lo, hi};
    }
    Ptr<RtmBgpSpeaker> h = net.SpeakerOf(hijacker);
    RtmSchedule(Seconds(hijackAt), [h, bogus]() {
        for (const auto& p : bogus)
        {
            h->Originate(p);
        }
    });
    if (withdrawAt > hijackAt)
    {
        RtmSchedule(Seconds(withdrawAt), [h, bogus]() {
            for (const auto& p : bogus)
            {
                h->WithdrawOriginated(p);
            }
        });
    }
    // Sample the victim's address space at two addresses (one per /17).
    RtmNetAddress addrLo = prefix;
    addrLo.numBits = 32;
    addrLo.addrBits[3] = 1;
    RtmNetAddress addrHi = addrLo;
    addrHi.addrBits[2] = 0x80;
    uint32_t others = static_cast<uint32_t>(net.GetAses().size()) - 2;
    double first = -1;
    double full = -1;
    uint32_t last = 0;
    for (double t = 1; t <= simTime; t += 1)
    {
        Simulator::Stop(Seconds(1));
        Simulator::Run();
        uint32_t polluted = 0;
        for (const auto& as : net.GetAses())
        {
            if (as.asn == hijacker || as.asn == victim)
            {
                continue;
            }
            Ptr<RtmBgpSpeaker> s = net.SpeakerOf(as.asn);
            polluted +=
                OriginFor(s, addrLo, prefix) == hijacker || OriginFor(s, addrHi, prefix) == hijacker
                    ? 1
                    : 0;
        }
        if (t >= hijackAt - 1)
        {
            std::cout << "t=" << t << " polluted=" << polluted << " of " << others << std::endl;
        }
        if (polluted > 0 && first < 0)
        {
            first = t;
        }
        if (polluted != last)
        {
            full = t;
        }
        last = polluted;
    }
    std::cout << "hijack: polluted=" << last << " of " << others << " first=" << first
              << " full=" << full << std::endl;
    Simulator::Destroy();
    return 0;
}
