/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: the benchmarks of the rtm module (Google Benchmark), every bench-*.cc file of utils/
 * linked into one program. After the benchmarks, a `summary:` section lists the key figures that
 * they reported with RtmBenchReport(), so the last lines of the output are `key: value` lines.
 *
 * Reference data: the folder given by the environment variable RTM_SHARED_DATA, else the one
 * compiled in; benchmarks whose files are absent are skipped with a message.
 */
#include "rtm-bench-summary.h"

#include <benchmark/benchmark.h>
#include <iostream>

int
main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
    {
        return 1;
    }
    std::cout << "rtm-bench: reference data in " << ns3::RtmBenchDataDir() << std::endl;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::cout.flush();
    ns3::RtmBenchPrintSummary(std::cout);
    return 0;
}
