/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-lookup: answer longest-prefix queries on a real routing table with the RTM.
 *
 *   rtm-lookup --table=FILE --queries=FILE
 *
 * The table (RouteViews `ipasn` format `PREFIX<TAB>ASN`, or `PREFIX NEXTHOP` lines; IPv4 and
 * IPv6; gzipped or not) is loaded through an RTM client; every query address (one per line) is
 * answered through the unicast-view lookup that packet forwarding uses, one line each:
 * `ADDRESS PREFIX NEXTHOP` or `ADDRESS none` (ASN tables print the next hop as AS<number>).
 * Malformed table lines are counted on stderr; malformed queries print `ADDRESS invalid`.
 */
#include "ns3/core-module.h"
#include "ns3/rtm-instance.h"
#include "ns3/rtm-table-file.h"
#include "ns3/rtm-table-loader.h"

#include <fstream>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string table;
    std::string queries;
    CommandLine cmd(__FILE__);
    cmd.Usage("Longest-prefix match of query addresses on a routing table, through an RTM.");
    cmd.AddValue("table", "routing table file (ipasn or PREFIX NEXTHOP lines, .gz allowed)", table);
    cmd.AddValue("queries", "file of query addresses, one per line", queries);
    cmd.Parse(argc, argv);
    if (table.empty() || queries.empty())
    {
        std::cerr << "usage: rtm-lookup --table=FILE --queries=FILE" << std::endl;
        return 2;
    }
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    if (!RtmTableFile::Read(table, entries, rejected, errors))
    {
        std::cerr << "rtm-lookup: cannot read " << table << std::endl;
        return 1;
    }
    for (const auto& e : errors)
    {
        std::cerr << "rtm-lookup: " << table << ": " << e << std::endl;
    }
    Ptr<RtmInstance> instance = CreateObject<RtmInstance>();
    RtmTableLoader loader(instance);
    uint32_t failed = 0;
    uint32_t loaded = loader.Load(entries, failed);
    std::cerr << "rtm-lookup: " << loaded << " routes loaded, " << rejected << " malformed lines, "
              << failed << " refused" << std::endl;
    std::ifstream in(queries);
    if (!in)
    {
        std::cerr << "rtm-lookup: cannot read " << queries << std::endl;
        return 1;
    }
    std::string line;
    while (std::getline(in, line))
    {
        std::size_t b = line.find_first_not_of(" \t\r");
        std::size_t e = line.find_last_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#')
        {
            continue;
        }
        std::string q = line.substr(b, e - b + 1);
        RtmNetAddress address;
        if (!RtmNetAddress::Parse(q, address) || address.numBits != address.FamilyBits())
        {
            std::cout << q << " invalid" << std::endl;
            continue;
        }
        RtmNetAddress prefix;
        std::string label;
        if (loader.Lookup(address, prefix, label))
        {
            std::cout << q << " " << prefix << " " << label << std::endl;
        }
        else
        {
            std::cout << q << " none" << std::endl;
        }
    }
    instance->Dispose();
    Simulator::Destroy();
    return 0;
}
