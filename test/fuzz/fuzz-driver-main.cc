/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: the main() of the fuzz targets when they are built without libFuzzer (GCC, the `make test`
 * build). libFuzzer's own main() replaces it in the clang sanitizer build (`make sanitize`,
 * `make fuzz`), which is where coverage-guided fuzzing happens.
 *
 *   rtm-fuzz-NAME [-max_total_time=S] [-seed=N] [-artifact_prefix=P] FILE_OR_FOLDER...
 *
 * Every file given (or held by a folder given) is run once through LLVMFuzzerTestOneInput: the
 * corpus replay. With -max_total_time=S, the inputs are then mutated at random for S seconds
 * (bit flips, byte changes, insertions, erasures, truncations, splices of two inputs; no coverage
 * guidance) and each mutant is run: the smoke. A target reports a finding by aborting; the input
 * that did so is written to P + "crash-" + its FNV-1a hash first, so that it can join the corpus.
 * Prints "replayed N inputs" and "mutated executions: N in S s (N exec/s)".
 */
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <sys/stat.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace
{

std::vector<uint8_t> g_current; //!< the input being run
std::string g_artifactPrefix;   //!< where a crashing input is written

/// On abort (a finding) or a crash: keep the input, then die as the signal wants.
void
OnFatalSignal(int sig)
{
    uint64_t h = 1469598103934665603ULL;
    for (uint8_t b : g_current)
    {
        h = (h ^ b) * 1099511628211ULL;
    }
    char name[64];
    std::snprintf(name, sizeof(name), "crash-%016llx", static_cast<unsigned long long>(h));
    std::string path = g_artifactPrefix + name;
    if (FILE* f = std::fopen(path.c_str(), "wb"))
    {
        std::fwrite(g_current.data(), 1, g_current.size(), f);
        std::fclose(f);
        std::fprintf(stderr, "rtm-fuzz: the failing input is %s\n", path.c_str());
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void
Run(const std::vector<uint8_t>& input)
{
    g_current = input;
    LLVMFuzzerTestOneInput(g_current.data(), g_current.size());
}

void
Collect(const std::string& path, std::vector<std::vector<uint8_t>>& inputs)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
    {
        std::fprintf(stderr, "rtm-fuzz: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    if (S_ISDIR(st.st_mode))
    {
        DIR* d = opendir(path.c_str());
        std::vector<std::string> names;
        while (dirent* e = d ? readdir(d) : nullptr)
        {
            if (e->d_name[0] != '.')
            {
                names.emplace_back(e->d_name);
            }
        }
        if (d)
        {
            closedir(d);
        }
        std::sort(names.begin(), names.end());
        for (const auto& n : names)
        {
            Collect(path + "/" + n, inputs);
        }
        return;
    }
    std::ifstream in(path, std::ios::binary);
    inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// One random mutation of \p v (\p other: another input, for splices).
void
Mutate(std::vector<uint8_t>& v, const std::vector<uint8_t>& other, std::mt19937_64& rng)
{
    auto below = [&rng](size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng() % n); };
    switch (below(6))
    {
    case 0: // flip a bit
        if (!v.empty())
        {
            v[below(v.size())] ^= uint8_t(1u << below(8));
        }
        break;
    case 1: // set a byte: random or an edge value
        if (!v.empty())
        {
            static const uint8_t kEdges[] = {0, 1, 2, 0x7f, 0x80, 0xfe, 0xff, 16, 17, 32, 33};
            v[below(v.size())] = below(2) ? uint8_t(rng()) : kEdges[below(sizeof(kEdges))];
        }
        break;
    case 2: // insert bytes
    {
        size_t at = below(v.size() + 1);
        size_t n = 1 + below(8);
        std::vector<uint8_t> bytes(n);
        for (auto& b : bytes)
        {
            b = uint8_t(rng());
        }
        v.insert(v.begin() + at, bytes.begin(), bytes.end());
        break;
    }
    case 3: // erase bytes
        if (!v.empty())
        {
            size_t at = below(v.size());
            size_t n = std::min(v.size() - at, 1 + below(8));
            v.erase(v.begin() + at, v.begin() + at + n);
        }
        break;
    case 4: // truncate
        v.resize(below(v.size() + 1));
        break;
    default: // splice: a piece of the other input over or into this one
        if (!other.empty())
        {
            size_t from = below(other.size());
            size_t n = 1 + below(other.size() - from);
            size_t at = below(v.size() + 1);
            v.insert(v.begin() + at, other.begin() + from, other.begin() + from + n);
        }
    }
    if (v.size() > (1u << 16))
    {
        v.resize(1u << 16);
    }
}

} // namespace

int
main(int argc, char** argv)
{
    double seconds = 0;
    uint64_t seed = 1;
    std::vector<std::vector<uint8_t>> inputs;
    for (int i = 1; i < argc; ++i)
    {
        std::string a = argv[i];
        if (a.rfind("-max_total_time=", 0) == 0)
        {
            seconds = std::atof(a.c_str() + std::strlen("-max_total_time="));
        }
        else if (a.rfind("-seed=", 0) == 0)
        {
            seed = std::strtoull(a.c_str() + std::strlen("-seed="), nullptr, 0);
        }
        else if (a.rfind("-artifact_prefix=", 0) == 0)
        {
            g_artifactPrefix = a.substr(std::strlen("-artifact_prefix="));
        }
        else if (a[0] == '-')
        {
            continue; // libFuzzer options this driver has no use for
        }
        else
        {
            Collect(a, inputs);
        }
    }
    std::signal(SIGABRT, OnFatalSignal);
    std::signal(SIGSEGV, OnFatalSignal);
    std::signal(SIGFPE, OnFatalSignal);
    std::signal(SIGBUS, OnFatalSignal);
    for (const auto& in : inputs)
    {
        Run(in);
    }
    std::printf("replayed %zu inputs\n", inputs.size());
    if (seconds <= 0)
    {
        return 0;
    }
    if (inputs.empty())
    {
        inputs.emplace_back();
    }
    std::mt19937_64 rng(seed);
    auto t0 = std::chrono::steady_clock::now();
    uint64_t runs = 0;
    double elapsed = 0;
    while (elapsed < seconds)
    {
        std::vector<uint8_t> v = inputs[rng() % inputs.size()];
        const auto& other = inputs[rng() % inputs.size()];
        for (size_t k = 1 + rng() % 4; k > 0; --k)
        {
            Mutate(v, other, rng);
        }
        Run(v);
        ++runs;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    std::printf("mutated executions: %llu in %.1f s (%.0f exec/s)\n",
                static_cast<unsigned long long>(runs),
                elapsed,
                runs / elapsed);
    return 0;
}
