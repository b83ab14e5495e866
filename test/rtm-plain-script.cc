/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-plain-script: what a user's script needs to run RTM with the static client, and no more.
 *
 * It includes ns3/rtm-module.h plus ns-3's core, network and internet headers and links only the
 * rtm library (test/CMakeLists.txt), with Boost's include path poisoned (rtm-no-boost/): it
 * proves that the RTM's public headers pull in no Boost and that the rtm library needs no other
 * layer. Three nodes in a line (SimpleNetDevice links, 10.0.1.0/24 and 10.0.2.0/24), RTM on each,
 * static routes at the ends through the middle router; ten UDP packets from one end to the other.
 * Prints `delivered=N/10`.
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <iostream>

using namespace ns3;

namespace
{

/// Connects \p a and \p b with a SimpleChannel and gives them \p base .1 and .2 (/24).
void
Link(Ptr<Node> a, Ptr<Node> b, const char* base)
{
    Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>();
    Ipv4AddressHelper addresses(base, "255.255.255.0");
    NetDeviceContainer devices;
    for (Ptr<Node> n : {a, b})
    {
        Ptr<SimpleNetDevice> d = CreateObject<SimpleNetDevice>();
        d->SetAddress(Mac48Address::Allocate());
        d->SetChannel(channel);
        n->AddDevice(d);
        devices.Add(d);
    }
    addresses.Assign(devices);
}

} // namespace

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(3);
    InternetStackHelper stack;
    RtmHelper rtm;
    stack.SetRoutingHelper(rtm);
    stack.SetIpv6StackInstall(false);
    stack.Install(nodes);
    Link(nodes.Get(0), nodes.Get(1), "10.0.1.0");
    Link(nodes.Get(1), nodes.Get(2), "10.0.2.0");
    RtmStaticRoutingHelper::AddRoute(nodes.Get(0), "10.0.2.0/24", "10.0.1.2", 1);
    RtmStaticRoutingHelper::AddRoute(nodes.Get(2), "10.0.1.0/24", "10.0.2.1", 1);

    uint32_t delivered = 0;
    Ptr<Socket> sink = Socket::CreateSocket(nodes.Get(2), UdpSocketFactory::GetTypeId());
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([&delivered](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++delivered;
        }
    }));
    Ptr<Socket> source = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    source->Connect(InetSocketAddress(Ipv4Address("10.0.2.2"), 9));
    for (int i = 0; i < 10; ++i)
    {
        RtmSchedule(Seconds(1 + 0.1 * i), [source]() { source->Send(Create<Packet>(100)); });
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    std::cout << "delivered=" << delivered << "/10" << std::endl;
    return delivered == 10 ? 0 : 1;
}
