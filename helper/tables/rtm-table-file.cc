/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTableFile: the readers (zlib for gzipped files) and their line parsers.
 */
#include "rtm-table-file.h"

#include <zlib.h>

namespace ns3
{

namespace
{

bool
IsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/// Parse a decimal AS number; false if not all digits or beyond 32 bits.
bool
ParseAsn(const std::string& s, uint32_t& out)
{
    if (s.empty() || s.size() > 10)
    {
        return false;
    }
    uint64_t v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (v > 0xFFFFFFFFull)
    {
        return false;
    }
    out = static_cast<uint32_t>(v);
    return true;
}

bool
AllDigits(const std::string& s)
{
    for (char c : s)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
    }
    return !s.empty();
}

} // namespace

int
RtmTableFile::ParseLine(const std::string& text, RtmTableFileEntry& entry, std::string& error)
{
    std::size_t end = text.size();
    std::size_t hash = text.find('#');
    if (hash != std::string::npos)
    {
        end = hash;
    }
    std::size_t pos = 0;
    while (pos < end && IsSpace(text[pos]))
    {
        ++pos;
    }
    if (pos == end || text[pos] == ';')
    {
        return 0;
    }
    std::string fields[3];
    int n = 0;
    while (pos < end)
    {
        std::size_t start = pos;
        while (pos < end && !IsSpace(text[pos]))
        {
            ++pos;
        }
        if (n < 3)
        {
            fields[n] = text.substr(start, pos - start);
        }
        ++n;
        while (pos < end && IsSpace(text[pos]))
        {
            ++pos;
        }
    }
    RtmTableFileEntry e;
    if (!RtmNetAddress::Parse(fields[0], e.prefix))
    {
        error = "bad prefix '" + fields[0] + "'";
        return -1;
    }
    if (!e.prefix.IsCanonical())
    {
        error = "host bits set in '" + fields[0] + "'";
        return -1;
    }
    if (n < 2)
    {
        error = "missing next hop or AS number after '" + fields[0] + "'";
        return -1;
    }
    if (n > 2)
    {
        error = "unexpected field '" + fields[2] + "'";
        return -1;
    }
    const std::string& second = fields[1];
    if (AllDigits(second))
    {
        if (!ParseAsn(second, e.asn))
        {
            error = "AS number out of range '" + second + "'";
            return -1;
        }
    }
    else if (second.find('/') == std::string::npos && RtmNetAddress::Parse(second, e.nextHop) &&
             e.nextHop.numBits == e.nextHop.FamilyBits())
    {
        // a next-hop address
    }
    else
    {
        error = "unknown second field '" + second + "' (neither an AS number nor an address)";
        return -1;
    }
    entry = e;
    return 1;
}

bool
RtmTableFile::Read(const std::string& path,
                   std::vector<RtmTableFileEntry>& entries,
                   uint32_t& rejected,
                   std::vector<std::string>& errors)
{
    entries.clear();
    errors.clear();
    rejected = 0;
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr)
    {
        errors.push_back("cannot open '" + path + "'");
        return false;
    }
    gzbuffer(f, 1 << 17);
    char buf[4096];
    std::string line;
    std::string error;
    uint32_t lineNo = 0;
    bool more = true;
    while (more)
    {
        line.clear();
        bool complete = false;
        while (!complete)
        {
            if (gzgets(f, buf, sizeof(buf)) == nullptr)
            {
                more = false;
                break;
            }
            line.append(buf);
            complete = !line.empty() && line.back() == '\n';
        }
        if (line.empty())
        {
            break;
        }
        ++lineNo;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        {
            line.pop_back();
        }
        RtmTableFileEntry entry;
        int r = ParseLine(line, entry, error);
        if (r > 0)
        {
            entry.line = lineNo;
            entries.push_back(entry);
        }
        else if (r < 0)
        {
            ++rejected;
            if (errors.size() < kMaxErrors)
            {
                errors.push_back("line " + std::to_string(lineNo) + ": " + error);
            }
        }
    }
    int err = 0;
    const char* msg = gzerror(f, &err);
    bool ok = err == Z_OK; // Z_BUF_ERROR: a gzip stream cut short; Z_DATA_ERROR: corrupt
    if (!ok)
    {
        errors.push_back("read error in '" + path + "': " + (msg != nullptr ? msg : "?"));
    }
    gzclose(f);
    return ok;
}

} // namespace ns3
