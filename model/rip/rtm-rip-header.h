/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 */
#ifndef RTM_RIP_HEADER_H
#define RTM_RIP_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A RIPv2 message (RFC 2453 §4): a 4-byte header (command, version, two must-be-zero
 * bytes) followed by up to 25 route entries of 20 bytes (address family, route tag, IPv4
 * address, subnet mask, next hop, metric).
 *
 * Serialize/Deserialize are the ns-3 Header interface; Deserialize trusts its input (it reads
 * every whole entry that follows, at most 25). Received messages should go through Parse(),
 * which checks everything and never fails on garbage.
 */
class RtmRipHeader : public Header
{
  public:
    /// RIP commands.
    enum Command : uint8_t
    {
        REQUEST = 1,  //!< ask for (part of) a routing table
        RESPONSE = 2, //!< routing information (update or answer)
    };

    static constexpr uint8_t VERSION = 2;           //!< the only version understood
    static constexpr uint32_t HEADER_SIZE = 4;      //!< bytes before the entries
    static constexpr uint32_t ENTRY_SIZE = 20;      //!< bytes per route entry
    static constexpr uint32_t MAX_ENTRIES = 25;     //!< entries per message
    static constexpr uint16_t AFI_INET = 2;         //!< address family of IPv4 entries
    static constexpr uint16_t AFI_UNSPECIFIED = 0;  //!< the whole-table request's family
    static constexpr uint16_t AFI_AUTH = 0xFFFF;    //!< authentication entry (not supported)
    static constexpr uint32_t METRIC_INFINITY = 16; //!< unreachable

    /// One route entry (RTE).
    struct Entry
    {
        uint16_t afi{AFI_INET};                     //!< address family identifier
        uint16_t tag{0};                            //!< route tag
        Ipv4Address address{Ipv4Address::GetAny()}; //!< destination network
        Ipv4Mask mask{Ipv4Mask::GetZero()};         //!< its subnet mask
        Ipv4Address nextHop{Ipv4Address::GetAny()}; //!< next hop (0.0.0.0: the sender)
        uint32_t metric{METRIC_INFINITY};           //!< 1..16

        /// \return true if every field is equal
        bool operator==(const Entry& o) const;
    };

    RtmRipHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /// \param command REQUEST or RESPONSE
    void SetCommand(uint8_t command);
    /// \return the command
    uint8_t GetCommand() const;
    /// \param version the version field (2 unless testing)
    void SetVersion(uint8_t version);
    /// \return the version field
    uint8_t GetVersion() const;

    /**
     * \brief Append a route entry.
     * \param e the entry
     * \return false (nothing added) if the message already holds MAX_ENTRIES
     */
    bool AddEntry(const Entry& e);
    /// \return the route entries
    const std::vector<Entry>& GetEntries() const;
    /// \return the number of route entries
    uint32_t GetNEntries() const;
    /// Remove every route entry.
    void ClearEntries();

    /// Make this a whole-table request: REQUEST with one entry of family 0 and metric 16.
    void SetWholeTableRequest();
    /// \return true for a whole-table request
    bool IsWholeTableRequest() const;

    /**
     * \brief Check and decode a received RIPv2 message. Rejected: shorter than 4 bytes; a
     * command other than REQUEST/RESPONSE; a version other than 2; non-zero must-be-zero bytes; a
     * length other than 4 + 20 n; more than 25 entries; a family other than 2 (family 0 only as
     * the single entry of a whole-table request, with every other field zero; authentication
     * entries are not supported); a metric of 0 or above 16; a non-contiguous mask; address bits
     * beyond the mask.
     * \param packet the UDP payload
     * \param[out] header the message (only meaningful when true is returned)
     * \param[out] why the reason when false is returned
     * \return true if the message is well formed
     */
    static bool Parse(Ptr<const Packet> packet, RtmRipHeader& header, std::string& why);

    /**
     * \brief The same checks on raw bytes.
     * \param data the bytes
     * \param size how many
     * \param[out] header the message
     * \param[out] why the reason when false is returned
     * \return true if the message is well formed
     */
    static bool Parse(const uint8_t* data, uint32_t size, RtmRipHeader& header, std::string& why);

    /// \return true if \p mask is contiguous (ones, then zeros)
    static bool IsContiguous(Ipv4Mask mask);

  private:
    uint8_t m_command{RESPONSE};  //!< command
    uint8_t m_version{VERSION};   //!< version
    std::vector<Entry> m_entries; //!< route entries
};

/// Print a header.
std::ostream& operator<<(std::ostream& os, const RtmRipHeader& h);

} // namespace ns3

#endif /* RTM_RIP_HEADER_H */
