/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm: libFuzzer target for the routing-table file reader (helper/tables/rtm-table-file.*).
 *
 * The input is a file's contents. It is written to a scratch file twice, as it is and compressed
 * with gzip, and read with RtmTableFile::Read both times (zlib reads either); an input that
 * already starts with the gzip magic is also read as it is (a fuzzed gzip stream). Findings:
 *  - a crash or sanitizer report anywhere in the reader, RtmNetAddress::Parse or zlib's use;
 *  - the two reads of the same text disagreeing (entries, rejected lines);
 *  - for text without NUL bytes (the reader works on C strings), Read disagreeing with ParseLine
 *    applied to each line of the input split at '\n' (trailing '\r' removed);
 *  - an entry whose prefix is not canonical, whose family is unknown, whose next hop is not a
 *    full-length address, or whose text form does not parse back to itself.
 */
#include "ns3/rtm-table-file.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

using namespace ns3;

namespace
{

void
Fail(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "rtm-fuzz-table-file: %s: %s\n", what, detail.c_str());
    std::abort();
}

std::string
Scratch(const char* suffix)
{
    return "/tmp/rtm-fuzz-table-" + std::to_string(getpid()) + suffix;
}

void
WritePlain(const std::string& path, const uint8_t* data, size_t size)
{
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr || (size > 0 && std::fwrite(data, 1, size, f) != size))
    {
        Fail("scratch file", path);
    }
    std::fclose(f);
}

void
WriteGzip(const std::string& path, const uint8_t* data, size_t size)
{
    gzFile f = gzopen(path.c_str(), "wb");
    if (f == nullptr || (size > 0 && gzwrite(f, data, static_cast<unsigned>(size)) == 0))
    {
        Fail("scratch gzip file", path);
    }
    gzclose(f);
}

bool
SameEntry(const RtmTableFileEntry& a, const RtmTableFileEntry& b)
{
    return a.prefix == b.prefix && a.nextHop.addressFamily == b.nextHop.addressFamily &&
           (a.nextHop.addressFamily == 0 || a.nextHop == b.nextHop) && a.asn == b.asn &&
           a.line == b.line;
}

void
CheckEntry(const RtmTableFileEntry& e)
{
    if (e.prefix.addressFamily != RTM_AF_INET && e.prefix.addressFamily != RTM_AF_INET6)
    {
        Fail("entry family", e.prefix.ToString());
    }
    if (!e.prefix.IsCanonical())
    {
        Fail("entry not canonical", e.prefix.ToString());
    }
    RtmNetAddress back;
    if (!RtmNetAddress::Parse(e.prefix.ToString(), back) || !(back == e.prefix))
    {
        Fail("prefix does not parse back", e.prefix.ToString());
    }
    if (e.nextHop.addressFamily != 0 && e.nextHop.numBits != e.nextHop.FamilyBits())
    {
        Fail("next hop not a full address", e.nextHop.ToString());
    }
}

struct Result
{
    bool ok{false};
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected{0};
    std::vector<std::string> errors;
};

Result
ReadFile(const std::string& path)
{
    Result r;
    r.ok = RtmTableFile::Read(path, r.entries, r.rejected, r.errors);
    if (r.errors.size() > RtmTableFile::kMaxErrors + 1)
    {
        Fail("too many error lines", path);
    }
    for (const auto& e : r.entries)
    {
        CheckEntry(e);
    }
    return r;
}

void
Compare(const Result& a, const Result& b, const char* what)
{
    if (a.entries.size() != b.entries.size() || a.rejected != b.rejected)
    {
        Fail(what,
             std::to_string(a.entries.size()) + "/" + std::to_string(a.rejected) + " vs " +
                 std::to_string(b.entries.size()) + "/" + std::to_string(b.rejected));
    }
    for (size_t i = 0; i < a.entries.size(); ++i)
    {
        if (!SameEntry(a.entries[i], b.entries[i]))
        {
            Fail(what, "entry " + std::to_string(i) + ": " + a.entries[i].prefix.ToString());
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > (1u << 16))
    {
        return 0; // longer inputs only make the runs slower
    }
    static const std::string plain = Scratch(".txt");
    static const std::string packed = Scratch(".gz");
    bool gzipMagic = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    WritePlain(plain, data, size);
    Result asIs = ReadFile(plain);
    if (gzipMagic)
    {
        return 0; // a fuzzed gzip stream: no crash, sane entries (checked above) is all we ask
    }
    if (!asIs.ok)
    {
        Fail("plain text refused", asIs.errors.empty() ? "" : asIs.errors.back());
    }
    WriteGzip(packed, data, size);
    Result gz = ReadFile(packed);
    if (!gz.ok)
    {
        Fail("gzip of a text refused", gz.errors.empty() ? "" : gz.errors.back());
    }
    Compare(asIs, gz, "plain and gzip reads differ");

    // The reader against ParseLine on the lines of the input.
    std::string text(reinterpret_cast<const char*>(data), size);
    if (text.find('\0') != std::string::npos)
    {
        return 0;
    }
    Result lines;
    lines.ok = true;
    uint32_t lineNo = 0;
    size_t pos = 0;
    while (pos < text.size())
    {
        size_t nl = text.find('\n', pos);
        std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        ++lineNo;
        while (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        RtmTableFileEntry e;
        std::string error;
        int r = RtmTableFile::ParseLine(line, e, error);
        if (r > 0)
        {
            e.line = lineNo;
            lines.entries.push_back(e);
        }
        else if (r < 0)
        {
            if (error.empty())
            {
                Fail("malformed line without a reason", line);
            }
            ++lines.rejected;
        }
    }
    Compare(asIs, lines, "Read and ParseLine differ");
    return 0;
}
