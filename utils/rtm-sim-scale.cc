/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-sim-scale: how the cost of a whole simulation grows (issue 14), rtm beside ns-3's global and
 * nix-vector routing, as tables and PNG plots (`make bench-scale`).
 *
 * Three series of rtm-sim-bench runs (one fresh process per run, rtm-bench-child.h, so each peak
 * RSS is the run's own), the scenario of bench-sim.cc otherwise (1 Gbps / 1 ms point-to-point
 * links, hop-count metrics, UDP flows between seeded router pairs):
 *  - smallworld and powerlaw: generated topologies (rtm-sim-bench --topology=smallworld|powerlaw,
 *    Boost.Graph's small_world_iterator and plod_iterator) of --sizes routers, 200 flows of 10
 *    packets/s for 10 s;
 *  - flows: Kdl (754 routers) with --flows flows of 1 packet/s for 10 s each (fewer packets per
 *    flow than the standard scenario, so that 20,000 flows stay within the time cap).
 * Sides: rtm (the link-state client's defaults), rtm-agg (its Aggregate=true), nix (ns-3
 * nix-vector), global (ns-3 global routing). A run still going after --capS seconds, or past
 * --memCapMb of address space, is stopped and reported as capped; a side capped at one point of a
 * series is not run at the larger points (its cost only grows). The sides that finished one point
 * must have delivered the same packets (count and digest, no packet off a shortest path; column
 * "same" of the tables).
 *
 * Output in --out (default doc/figures): scaling.tsv (one line per run: series, x, side, the
 * phases' wall and CPU seconds, peak RSS, routes, events, delivered, capped), scaling.md (the
 * tables of the README) and, drawn with ns-3's Gnuplot classes and Debian's gnuplot (pngcairo),
 * scale-<series>-time.png (CPU seconds of the whole run, and rtm's population alone) and
 * scale-<series>-rss.png (peak RSS), log-log. --plotOnly redraws them from an existing
 * scaling.tsv. CPU seconds (user + system of the run's process) are plotted rather than wall
 * seconds: on a shared machine they move less; every run is single-threaded.
 */
#include "rtm-bench-child.h"

#include "ns3/command-line.h"
#include "ns3/gnuplot.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The sides, in table order.
const std::vector<std::string> kSides = {"rtm", "rtm-agg", "nix", "global"};

/// One run's figures (a line of scaling.tsv).
struct Point
{
    std::string series;    //!< smallworld, powerlaw or flows
    uint32_t x{0};         //!< routers or flows
    std::string side;      //!< rtm, rtm-agg, nix or global
    bool capped{false};    //!< stopped by a cap
    bool skipped{false};   //!< not run (capped at a smaller x)
    uint32_t routers{0};   //!< routers
    uint32_t links{0};     //!< links
    double populateS{0};   //!< populate, wall seconds
    double populateCpu{0}; //!< populate, CPU seconds
    double runCpu{0};      //!< Simulator::Run, CPU seconds
    double totalS{0};      //!< whole program, wall seconds
    double totalCpu{0};    //!< whole program, CPU seconds
    double peakRssMb{0};   //!< peak RSS
    double routes{0};      //!< routes installed
    double events{0};      //!< events simulated
    double delivered{0};   //!< packets delivered
    std::string digest;    //!< delivery digest
    double wrongHops{0};   //!< packets off a shortest path (+1)
};

/// Columns of scaling.tsv.
const char* kHeader = "series\tx\tside\tcapped\tskipped\trouters\tlinks\tpopulate_s\tpopulate_cpu_s"
                      "\trun_cpu_s\ttotal_s\ttotal_cpu_s\tpeak_rss_mb\troutes\tevents\tdelivered"
                      "\tdigest\thops_wrong";

/// Write \p p as a line of scaling.tsv.
void
WriteTsv(std::ostream& os, const Point& p)
{
    os << p.series << '\t' << p.x << '\t' << p.side << '\t' << p.capped << '\t' << p.skipped << '\t'
       << p.routers << '\t' << p.links << '\t' << p.populateS << '\t' << p.populateCpu << '\t'
       << p.runCpu << '\t' << p.totalS << '\t' << p.totalCpu << '\t' << p.peakRssMb << '\t'
       << static_cast<uint64_t>(p.routes) << '\t' << static_cast<uint64_t>(p.events) << '\t'
       << static_cast<uint64_t>(p.delivered) << '\t' << (p.digest.empty() ? "-" : p.digest) << '\t'
       << static_cast<uint64_t>(p.wrongHops) << '\n';
}

/// \return the points of a scaling.tsv (empty if absent)
std::vector<Point>
ReadTsv(const std::string& file)
{
    std::vector<Point> out;
    std::ifstream in(file);
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line))
    {
        std::istringstream f(line);
        Point p;
        uint64_t routes = 0;
        uint64_t events = 0;
        uint64_t delivered = 0;
        uint64_t wrong = 0;
        f >> p.series >> p.x >> p.side >> p.capped >> p.skipped >> p.routers >> p.links >>
            p.populateS >> p.populateCpu >> p.runCpu >> p.totalS >> p.totalCpu >> p.peakRssMb >>
            routes >> events >> delivered >> p.digest >> wrong;
        if (f)
        {
            p.routes = static_cast<double>(routes);
            p.events = static_cast<double>(events);
            p.delivered = static_cast<double>(delivered);
            p.wrongHops = static_cast<double>(wrong);
            p.digest = p.digest == "-" ? "" : p.digest;
            out.push_back(p);
        }
    }
    return out;
}

/// \return the numbers of a comma-separated list
std::vector<uint32_t>
ParseList(const std::string& text)
{
    std::vector<uint32_t> out;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        if (!item.empty())
        {
            out.push_back(static_cast<uint32_t>(std::stoul(item)));
        }
    }
    return out;
}

/// Run one point of a series.
Point
RunPoint(const std::string& series,
         uint32_t x,
         const std::string& side,
         unsigned capS,
         unsigned memCapMb)
{
    std::vector<std::string> args;
    if (series == "flows")
    {
        args = {"--topology=kdl", "--pairs=" + std::to_string(x), "--rate=1"};
    }
    else
    {
        args = {"--topology=" + series, "--routers=" + std::to_string(x)};
    }
    args.push_back(side == "rtm-agg" ? "--routing=rtm" : "--routing=" + side);
    if (side == "rtm-agg")
    {
        args.push_back("--aggregate=true");
    }
    RtmBenchChild c = RtmBenchRunSimBench(args, capS, memCapMb);
    Point p;
    p.series = series;
    p.x = x;
    p.side = side;
    p.capped = c.capped || !c.finished;
    p.routers = static_cast<uint32_t>(c.Get("routers"));
    p.links = static_cast<uint32_t>(c.Get("links"));
    p.populateS = c.Get("populate_s");
    p.populateCpu = c.Get("populate_cpu_s");
    p.runCpu = c.Get("run_cpu_s");
    p.totalS = c.Get("total_s");
    p.totalCpu = c.Get("total_cpu_s");
    p.peakRssMb = c.Get("peak_rss_mb");
    p.routes = c.Get("routes");
    p.events = c.Get("events");
    p.delivered = c.Get("delivered");
    p.wrongHops = c.Get("hops_wrong") + c.Get("unreachable_flows");
    p.digest = c.values.count("delivery_digest") ? c.values.at("delivery_digest") : "";
    if (!c.finished)
    {
        std::cerr << "rtm-sim-scale: " << series << " " << x << " " << side << ": "
                  << (c.error.empty() ? "did not finish" : c.error) << std::endl;
    }
    return p;
}

/// \return the x label of a series
std::string
XLabel(const std::string& series)
{
    return series == "flows" ? "flows (Kdl, 754 routers)" : "routers";
}

/// \return a series' title
std::string
SeriesTitle(const std::string& series)
{
    if (series == "smallworld")
    {
        return "small-world topologies (Watts-Strogatz, 4 neighbours, p = 0.05), 200 flows";
    }
    if (series == "powerlaw")
    {
        return "power-law topologies (PLOD, alpha 0.7, mean degree 3), 200 flows";
    }
    return "Kdl (754 routers), flows of 1 packet/s for 10 s";
}

/// Draw the time and RSS plots of \p series with ns-3's Gnuplot classes and gnuplot.
bool
Plot(const std::vector<Point>& points, const std::string& series, const std::string& dir)
{
    const std::string stem = dir + "/scale-" + series;
    Gnuplot time(stem + "-time.png");
    time.SetTerminal("pngcairo size 800,520 font 'sans,10'");
    time.SetTitle(SeriesTitle(series));
    time.SetLegend(XLabel(series), "CPU seconds");
    time.AppendExtra("set logscale xy\nset key top left\nset grid");
    Gnuplot rss(stem + "-rss.png");
    rss.SetTerminal("pngcairo size 800,520 font 'sans,10'");
    rss.SetTitle(SeriesTitle(series));
    rss.SetLegend(XLabel(series), "peak RSS (MB)");
    rss.AppendExtra("set logscale xy\nset key top left\nset grid");
    bool any = false;
    for (const std::string& side : kSides)
    {
        std::string title = side == "rtm"       ? "rtm (defaults)"
                            : side == "rtm-agg" ? "rtm (Aggregate=true)"
                            : side == "nix"     ? "ns-3 nix-vector"
                                                : "ns-3 global";
        Gnuplot2dDataset t(title + ": whole run");
        Gnuplot2dDataset pop(title + ": population");
        Gnuplot2dDataset m(title);
        const std::string colour = side == "rtm"       ? "#c0392b"
                                   : side == "rtm-agg" ? "#e67e22"
                                   : side == "nix"     ? "#2471a3"
                                                       : "#27ae60";
        for (Gnuplot2dDataset* d : {&t, &pop, &m})
        {
            d->SetStyle(Gnuplot2dDataset::LINES_POINTS);
            d->SetExtra("lw 2 lc rgb '" + colour + "'" + (d == &pop ? " dt 2" : ""));
        }
        uint32_t n = 0;
        for (const Point& p : points)
        {
            if (p.series != series || p.side != side || p.capped || p.skipped)
            {
                continue;
            }
            t.Add(p.x, std::max(p.totalCpu, 1e-3));
            if (side == "rtm" || side == "rtm-agg" || side == "global")
            {
                pop.Add(p.x, std::max(p.populateCpu, 1e-3));
            }
            m.Add(p.x, p.peakRssMb);
            ++n;
        }
        if (n == 0)
        {
            continue;
        }
        any = true;
        time.AddDataset(t);
        if (side != "nix")
        {
            time.AddDataset(pop);
        }
        rss.AddDataset(m);
    }
    if (!any)
    {
        return true;
    }
    for (Gnuplot* g : {&time, &rss})
    {
        const std::string script = g == &time ? stem + "-time.plt" : stem + "-rss.plt";
        {
            std::ofstream out(script);
            g->GenerateOutput(out);
        }
        const std::string cmd = "gnuplot '" + script + "'";
        if (std::system(cmd.c_str()) != 0)
        {
            std::cerr << "rtm-sim-scale: " << cmd << " failed (Debian's gnuplot installed?)"
                      << std::endl;
            return false;
        }
        std::remove(script.c_str());
    }
    return true;
}

/// Format a number of seconds or MB for the tables.
std::string
Num(double v)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(v < 10 ? 2 : (v < 100 ? 1 : 0)) << v;
    return os.str();
}

/// Write the markdown tables of every series.
void
WriteTables(const std::vector<Point>& points, std::ostream& os)
{
    for (const char* name : {"smallworld", "powerlaw", "flows"})
    {
        const std::string series = name;
        std::set<uint32_t> xs;
        for (const Point& p : points)
        {
            if (p.series == series)
            {
                xs.insert(p.x);
            }
        }
        if (xs.empty())
        {
            continue;
        }
        os << "\n"
           << SeriesTitle(series) << ": CPU seconds of the whole run (population in "
           << "brackets), peak RSS in MB (capped: at the moment it was stopped); \"capped\": "
              "stopped "
           << "at the time or memory cap, \"—\": not run (capped at a smaller size)\n\n";
        os << "| " << (series == "flows" ? "flows" : "routers (links)");
        for (const std::string& side : kSides)
        {
            os << " | " << side << " s | " << side << " MB";
        }
        os << " | rtm routes | same packets |\n|---";
        for (std::size_t k = 0; k < kSides.size(); ++k)
        {
            os << "|---|---";
        }
        os << "|---|---|\n";
        for (uint32_t x : xs)
        {
            std::ostringstream row;
            uint32_t links = 0;
            std::string routes = "—";
            std::string digest;
            double delivered = -1;
            bool same = true;
            for (const std::string& side : kSides)
            {
                const Point* found = nullptr;
                for (const Point& p : points)
                {
                    if (p.series == series && p.x == x && p.side == side)
                    {
                        found = &p;
                    }
                }
                if (found == nullptr || found->skipped)
                {
                    row << " | — | —";
                    continue;
                }
                links = std::max(links, found->links);
                if (found->capped)
                {
                    row << " | capped | " << Num(found->peakRssMb);
                    continue;
                }
                row << " | " << Num(found->totalCpu);
                if (side != "nix")
                {
                    row << " (" << Num(found->populateCpu) << ")";
                }
                row << " | " << Num(found->peakRssMb);
                if (side == "rtm")
                {
                    routes = std::to_string(static_cast<uint64_t>(found->routes));
                }
                if (delivered < 0)
                {
                    delivered = found->delivered;
                    digest = found->digest;
                }
                same = same && found->delivered == delivered && found->digest == digest &&
                       found->wrongHops == 0;
            }
            os << "| " << x;
            if (series != "flows")
            {
                os << " (" << links << ")";
            }
            os << row.str() << " | " << routes << " | "
               << (delivered < 0 ? "—" : (same ? "yes" : "NO")) << " |\n";
        }
    }
}

} // namespace

int
main(int argc, char** argv)
{
    std::string out = "doc/figures";
    std::string sizes = "100,300,1000,3000,10000";
    std::string flows = "200,632,2000,6325,20000";
    std::string series = "smallworld,powerlaw,flows";
    std::string sides = "rtm,rtm-agg,nix,global";
    uint32_t capS = 60;
    uint32_t memCapMb = 4096;
    bool plotOnly = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("out", "folder of scaling.tsv, scaling.md and the PNG plots", out);
    cmd.AddValue("sizes", "routers of the generated topologies (comma-separated)", sizes);
    cmd.AddValue("flows", "flows on Kdl (comma-separated)", flows);
    cmd.AddValue("series", "series to run: smallworld, powerlaw, flows (comma-separated)", series);
    cmd.AddValue("sides", "sides to run: rtm, rtm-agg, nix, global (comma-separated)", sides);
    cmd.AddValue("capS", "time cap of one run, wall seconds", capS);
    cmd.AddValue("memCapMb", "address-space cap of one run, MB", memCapMb);
    cmd.AddValue("plotOnly", "only redraw the plots and tables from <out>/scaling.tsv", plotOnly);
    cmd.Parse(argc, argv);

    const std::string tsv = out + "/scaling.tsv";
    std::vector<Point> points;
    if (!plotOnly)
    {
        std::set<std::string> wanted;
        std::istringstream in(sides);
        for (std::string s; std::getline(in, s, ',');)
        {
            wanted.insert(s);
        }
        std::ofstream file(tsv);
        if (!file)
        {
            std::cerr << "rtm-sim-scale: cannot write " << tsv << std::endl;
            return 2;
        }
        file << kHeader << '\n';
        std::istringstream sl(series);
        for (std::string s; std::getline(sl, s, ',');)
        {
            if (s != "smallworld" && s != "powerlaw" && s != "flows")
            {
                std::cerr << "rtm-sim-scale: unknown series " << s << std::endl;
                return 2;
            }
            std::set<std::string> capped;
            for (uint32_t x : ParseList(s == "flows" ? flows : sizes))
            {
                for (const std::string& side : kSides)
                {
                    if (!wanted.count(side))
                    {
                        continue;
                    }
                    Point p;
                    if (capped.count(side))
                    {
                        p.series = s;
                        p.x = x;
                        p.side = side;
                        p.skipped = true;
                    }
                    else
                    {
                        p = RunPoint(s, x, side, capS, memCapMb);
                        if (p.capped)
                        {
                            capped.insert(side);
                        }
                    }
                    std::cout << s << " " << x << " " << side << ": "
                              << (p.skipped ? "skipped"
                                  : p.capped
                                      ? "capped"
                                      : Num(p.totalCpu) + " CPU s, " + Num(p.peakRssMb) + " MB")
                              << std::endl;
                    WriteTsv(file, p);
                    file.flush();
                    points.push_back(p);
                }
            }
        }
    }
    else
    {
        points = ReadTsv(tsv);
        if (points.empty())
        {
            std::cerr << "rtm-sim-scale: nothing in " << tsv << std::endl;
            return 2;
        }
    }
    for (const char* s : {"smallworld", "powerlaw", "flows"})
    {
        if (!Plot(points, s, out))
        {
            return 1;
        }
    }
    std::ofstream md(out + "/scaling.md");
    WriteTables(points, md);
    WriteTables(points, std::cout);
    return 0;
}
