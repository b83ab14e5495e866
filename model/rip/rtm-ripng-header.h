/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmRipNgHeader: a RIPng message (RFC 2080 §2.1) with its route entries and next-hop entries:
 * building, serialising and parsing with every malformation reported.
 */
#ifndef RTM_RIPNG_HEADER_H
#define RTM_RIPNG_HEADER_H

#include "rtm-rip-base.h"

#include "ns3/header.h"
#include "ns3/ipv6-address.h"
#include "ns3/packet.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A RIPng message (RFC 2080 §2.1): a 4-byte header (command, version 1, two must-be-zero
 * bytes) followed by route table entries of 20 bytes (IPv6 prefix, route tag, prefix length,
 * metric). An entry with metric 0xFF is a next-hop entry: its prefix field is the next hop of
 * the entries that follow it (:: or an address that is not link-local: the sender).
 *
 * Sending: AddEntry takes route entries (SetMaxEntries bounds a message; the client derives the
 * bound from the interface MTU, RFC 2080 §2.1). Receiving: Parse checks everything and never
 * fails on garbage; it takes every well-formed entry, gives each the next hop of the next-hop
 * entry before it, and reports the entries it drops one by one.
 */
class RtmRipNgHeader : public Header
{
  public:
    /// RIPng commands.
    enum Command : uint8_t
    {
        REQUEST = 1,  //!< ask for (part of) a routing table
        RESPONSE = 2, //!< routing information (update or answer)
    };

    static constexpr uint8_t VERSION = 1;            //!< RIPng version
    static constexpr uint32_t HEADER_SIZE = 4;       //!< bytes before the entries
    static constexpr uint32_t ENTRY_SIZE = 20;       //!< bytes per entry
    static constexpr uint8_t METRIC_NEXT_HOP = 0xFF; //!< metric of a next-hop entry
    static constexpr uint8_t METRIC_INFINITY = 16;   //!< unreachable

    /// One route table entry.
    struct Entry
    {
        Ipv6Address prefix{Ipv6Address::GetAny()};  //!< destination prefix
        uint16_t tag{0};                            //!< route tag
        uint8_t prefixLength{0};                    //!< 0..128
        uint8_t metric{METRIC_INFINITY};            //!< 1..16
        Ipv6Address nextHop{Ipv6Address::GetAny()}; //!< parsed: next hop (:: the sender)

        /// \return true if every field is equal
        bool operator==(const Entry& o) const;
    };

    RtmRipNgHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /**
     * \brief Read a message without checks (every whole entry, next-hop entries as entries).
     * Received messages should go through Parse().
     * \return the bytes read
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /// \param command REQUEST or RESPONSE
    void SetCommand(uint8_t command);
    /// \return the command
    uint8_t GetCommand() const;
    /// \param max the most entries a message takes (at least 1)
    void SetMaxEntries(uint32_t max);
    /**
     * \brief Append an entry (its nextHop field is not sent).
     * \return false (nothing added) if the message holds SetMaxEntries entries
     */
    bool AddEntry(const Entry& e);
    /// \return the entries (parsed: route entries only, next hops applied)
    const std::vector<Entry>& GetEntries() const;
    /// \return the number of entries
    uint32_t GetNEntries() const;
    /// Remove every entry.
    void ClearEntries();
    /// \return the reasons of the entries Parse dropped, in order
    const std::vector<RtmRipDropReason>& GetEntryDrops() const;
    /// \return how many next-hop entries Parse ignored (not link-local)
    uint32_t GetIgnoredNextHops() const;

    /// Make this a whole-table request: one entry ::/0 with metric 16 (RFC 2080 §2.4.1).
    void SetWholeTableRequest();
    /// \return true for a whole-table request
    bool IsWholeTableRequest() const;

    /**
     * \brief Check and decode a received RIPng message. Rejected as a whole (false, \p why):
     * shorter than 4 bytes (Short), command not 1 or 2 (BadCommand), version not 1 (BadVersion),
     * non-zero must-be-zero bytes (NonZeroHeader), not 4 + 20 n bytes (BadLength). Entries
     * dropped one by one (GetEntryDrops): prefix length above 128 (BadMask), address bits beyond
     * the prefix length (HostBits), in a response a metric of 0 or 17..254 (BadMetric).
     * \param data the UDP payload
     * \param size its length
     * \param[out] header the message
     * \param[out] why the reason when false is returned
     * \return true if the message is well formed
     */
    static bool Parse(const uint8_t* data,
                      uint32_t size,
                      RtmRipNgHeader& header,
                      RtmRipDropReason& why);
    /// \overload on a packet
    static bool Parse(Ptr<const Packet> packet, RtmRipNgHeader& header, RtmRipDropReason& why);

  private:
    uint8_t m_command{RESPONSE};                //!< command
    uint8_t m_version{VERSION};                 //!< version
    uint32_t m_max{0xffffffffu};                //!< most entries
    std::vector<Entry> m_entries;               //!< entries
    std::vector<RtmRipDropReason> m_entryDrops; //!< entries Parse dropped
    uint32_t m_ignoredNextHops{0};              //!< next-hop entries ignored
};

/// Print a header.
std::ostream& operator<<(std::ostream& os, const RtmRipNgHeader& h);

} // namespace ns3

#endif /* RTM_RIPNG_HEADER_H */
