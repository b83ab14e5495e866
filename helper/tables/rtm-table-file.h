/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmTableFile: reading routing-table files (RouteViews "ipasn" dumps, gzipped or not, and
 * PREFIX NEXTHOP lines; IPv4 and IPv6) into prefix entries.
 */
#ifndef RTM_TABLE_FILE_H
#define RTM_TABLE_FILE_H

#include "ns3/rtm-net-address.h"

#include <cstdint>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup rtm
 * Reading real routing tables from text files (plain or gzip-compressed).
 */

namespace ns3
{

/**
 * \ingroup rtm
 * \brief One prefix of a routing-table file.
 */
struct RtmTableFileEntry
{
    RtmNetAddress prefix; //!< the prefix (canonical)
    RtmNetAddress
        nextHop;      //!< the next hop (a full-length address); family 0 if the line had an ASN
    uint32_t asn{0};  //!< the origin AS number of a `PREFIX<TAB>ASN` line, else 0
    uint32_t line{0}; //!< the line number in the file (1-based)
};

/**
 * \ingroup rtm
 * \brief Reader of routing-table text files.
 *
 * One prefix per line, IPv4 and IPv6 mixed, in either of two formats:
 *  - pyasn `ipasn` (RouteViews tables): `PREFIX<TAB>ASN`; lines starting with `;` are comments;
 *  - `PREFIX NEXTHOP`, whitespace separated, NEXTHOP an IPv4 or IPv6 address; `#` starts a
 *    comment (a whole line or the end of a line).
 * Empty lines are skipped. The file may be gzip-compressed or plain (zlib reads both).
 */
class RtmTableFile
{
  public:
    /**
     * \brief Read every entry of a file.
     *
     * Malformed lines (bad prefix, host bits set, missing, unknown or extra fields) are counted
     * in \p rejected, the first few reasons are appended to \p errors, and they are skipped:
     * they are never fatal.
     *
     * \param path the file (plain or .gz)
     * \param[out] entries the entries, appended in file order
     * \param[out] rejected set to the number of malformed lines
     * \param[out] errors the first reasons (at most kMaxErrors), "line N: ..."
     * \return false only if the file cannot be opened or read to its end (a corrupt or
     *         truncated gzip stream); the entries read so far are kept
     */
    static bool Read(const std::string& path,
                     std::vector<RtmTableFileEntry>& entries,
                     uint32_t& rejected,
                     std::vector<std::string>& errors);

    /**
     * \brief Parse one line.
     * \param text the line (without its end of line)
     * \param[out] entry the entry (its line number is not set)
     * \param[out] error the reason when the line is malformed
     * \return 1 for an entry, 0 for a comment or empty line, -1 for a malformed line
     */
    static int ParseLine(const std::string& text, RtmTableFileEntry& entry, std::string& error);

    static constexpr uint32_t kMaxErrors = 10; //!< reasons kept by Read()
};

} // namespace ns3

#endif /* RTM_TABLE_FILE_H */
