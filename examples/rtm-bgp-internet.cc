/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bgp-internet: a small Internet under Gao–Rexford policies.
 *
 * Three tier-1 ASes peer in a full mesh; five transit ASes buy transit from one or two tier-1s
 * (two pairs of them also peer); eight stub ASes buy transit from one or two transits
 * (RtmBgpInternet::Small). Every AS is one router running the RTM's BGP client, originating one
 * /16. Sessions get the Gao–Rexford policies (customer > peer > provider LOCAL_PREF,
 * valley-free export). After --simTime seconds the example prints every AS's route to every
 * other AS's prefix and checks:
 *   - every pair is reachable (the tier-1 mesh makes the hierarchy connected);
 *   - every path is valley-free;
 *   - each AS prefers a customer route over a peer route over a provider route when it has
 *     several.
 * It ends with one line `internet: ases=N pairs=P reachable=R valley_violations=V
 * preference_violations=Q` and exits 1 if anything is violated or unreachable.
 *
 *   ./rtm-bgp-internet [--simTime=120] [--mrai=5] [--noPolicy] [--verbose]
 */
#include "ns3/rtm-bgp-internet.h"

#include "ns3/core-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    double simTime = 120;
    double mrai = 5;
    bool noPolicy = false;
    bool verbose = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("simTime", "simulated seconds before the check", simTime);
    cmd.AddValue("mrai", "MRAI of every session, seconds", mrai);
    cmd.AddValue("noPolicy", "run without the Gao-Rexford policies (valleys appear)", noPolicy);
    cmd.AddValue("verbose", "print every route", verbose);
    cmd.Parse(argc, argv);

    RtmBgpInternet net = RtmBgpInternet::Small();
    RtmBgpHelper bgp;
    bgp.Set("MraiEbgp", TimeValue(Seconds(mrai)));
    net.Build(bgp, !noPolicy);
    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    uint32_t pairs = 0;
    uint32_t reachable = 0;
    uint32_t valleys = 0;
    uint32_t preference = 0;
    for (const auto& viewer : net.GetAses())
    {
        Ptr<RtmBgpSpeaker> s = net.SpeakerOf(viewer.asn);
        for (const auto& origin : net.GetAses())
        {
            if (origin.asn == viewer.asn)
            {
                continue;
            }
            ++pairs;
            RtmNetAddress prefix = net.PrefixOf(origin.asn);
            auto routes = s->GetRoutes(prefix);
            if (routes.empty())
            {
                std::cout << viewer.name << " -> " << origin.name << ": unreachable" << std::endl;
                continue;
            }
            ++reachable;
            const auto& best = routes.front().second;
            bool valleyFree = net.IsValleyFree(viewer.asn, best->asPath);
            valleys += valleyFree ? 0 : 1;
            // The best route's LOCAL_PREF is the highest of all routes held (customer first).
            for (const auto& r : routes)
            {
                if (r.second->localPref > best->localPref)
                {
                    ++preference;
                }
            }
            if (verbose || !valleyFree)
            {
                std::cout << viewer.name << " -> " << origin.name << ": " << best->asPath.ToString()
                          << " (local-pref " << best->localPref << ", " << routes.size()
                          << " routes)" << (valleyFree ? "" : " VALLEY") << std::endl;
            }
        }
    }
    std::cout << "internet: ases=" << net.GetAses().size() << " pairs=" << pairs
              << " reachable=" << reachable << " valley_violations=" << valleys
              << " preference_violations=" << preference << std::endl;
    Simulator::Destroy();
    return (reachable == pairs && valleys == 0 && preference == 0) || noPolicy ? 0 : 1;
}
