/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-bench: rtm-sim-bench in a fresh process (see rtm-bench-child.h).
 */
#include "rtm-bench-child.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ns3
{

namespace
{

/// \return the path of rtm-sim-bench (next to this program)
std::string
SimProgram()
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    if (n <= 0)
    {
        return "rtm-sim-bench";
    }
    std::string self(buf, static_cast<std::size_t>(n));
    return self.substr(0, self.rfind('/') + 1) + "rtm-sim-bench";
}

} // namespace

double
RtmBenchChild::Get(const std::string& key) const
{
    auto it = values.find(key);
    return it == values.end() ? 0 : std::strtod(it->second.c_str(), nullptr);
}

double
RtmBenchStatusMb(int pid, const std::string& field)
{
    std::ifstream in(pid == 0 ? std::string("/proc/self/status")
                              : "/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (in >> key)
    {
        if (key == field)
        {
            double kb = 0;
            in >> kb;
            return kb / 1024.0;
        }
        std::string rest;
        std::getline(in, rest);
    }
    return 0;
}

unsigned
RtmBenchEnvUnsigned(const char* name, unsigned fallback)
{
    const char* env = std::getenv(name);
    long v = env ? std::strtol(env, nullptr, 10) : 0;
    return v > 0 ? static_cast<unsigned>(v) : fallback;
}

RtmBenchChild
RtmBenchRunSimBench(const std::vector<std::string>& args, unsigned capS, unsigned memCapMb)
{
    RtmBenchChild r;
    std::string program = SimProgram();
    if (access(program.c_str(), X_OK) != 0)
    {
        r.error = program + " is absent (cmake --build build --target rtm-sim-bench)";
        return r;
    }
    std::vector<std::string> all = {program};
    all.insert(all.end(), args.begin(), args.end());
    if (memCapMb > 0)
    {
        all.push_back("--memCapMb=" + std::to_string(memCapMb));
    }
    std::vector<char*> argv;
    for (auto& a : all)
    {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    int fds[2];
    if (pipe(fds) != 0)
    {
        r.error = "pipe failed";
        return r;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    std::fflush(nullptr);
    pid_t pid = 0;
    int err = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (err != 0)
    {
        close(fds[0]);
        r.error = std::string("posix_spawn: ") + std::strerror(err);
        return r;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(capS);
    std::string text;
    char buf[4096];
    for (;;)
    {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0)
        {
            r.capped = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (ready < 0 && errno != EINTR)
        {
            r.error = "poll failed";
            break;
        }
        if (ready <= 0)
        {
            continue;
        }
        ssize_t n = read(fds[0], buf, sizeof(buf));
        if (n <= 0)
        {
            break; // the child closed its output: it has ended
        }
        text.append(buf, static_cast<std::size_t>(n));
    }
    double cappedPeak = 0;
    if (r.capped)
    {
        cappedPeak = RtmBenchStatusMb(pid, "VmHWM:");
        kill(pid, SIGKILL);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        std::size_t space = line.find(' ');
        if (space != std::string::npos)
        {
            r.values[line.substr(0, space)] = line.substr(space + 1);
        }
    }
    if (r.capped)
    {
        r.error = "time cap of " + std::to_string(capS) + " s hit";
        r.values["total_s"] = std::to_string(capS);
        r.values["peak_rss_mb"] = std::to_string(cappedPeak);
        return r;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
    {
        r.capped = true;
        r.error = "address-space cap of " + std::to_string(memCapMb) + " MB hit";
        r.values["total_s"] = std::to_string(capS);
        r.values["peak_rss_mb"] = std::to_string(memCapMb);
        return r;
    }
    r.finished = WIFEXITED(status) && WEXITSTATUS(status) == 0 && r.values.count("peak_rss_mb");
    if (!r.finished && r.error.empty())
    {
        r.error = WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                      : "exit status " + std::to_string(WEXITSTATUS(status));
    }
    return r;
}

} // namespace ns3
