/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 link-state advertisements (RFC 2328 A.4, RFC 3101 for type 7): the 20-byte LSA header
 * and one class for the five bodies this implementation understands.
 *
 * DOC: an RtmOspfLsa is immutable once built (Finalize computes its length and Fletcher
 * checksum) and is shared by reference between the database, retransmission lists and packets
 * being built. Its age is the age it had when it was received or originated; the database keeps
 * the time of installation and works out the current age, and Serialize writes whatever age the
 * caller gives. Everything on the wire is kept, also what this implementation ignores (TOS
 * metrics, reserved bits), so an LSA is re-serialised byte for byte as it arrived and its
 * checksum stays valid when it is flooded on.
 *
 * Parse checks the length against the body (a Router-LSA's links, a Network-LSA's routers, ...),
 * the type, and the Fletcher checksum (ISO 8473 annex C over the LSA without its age field,
 * RFC 2328 §12.1.7; a zero checksum is invalid); a bad LSA is reported with the reason and
 * skipped without losing the rest of its packet.
 */
#ifndef RTM_OSPF_LSA_H
#define RTM_OSPF_LSA_H

#include "rtm-ospf-types.h"

#include "ns3/buffer.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The LSA header (RFC 2328 A.4.1).
 */
struct RtmOspfLsaHeader
{
    uint16_t age{0};                       //!< LS age (seconds)
    uint8_t options{0};                    //!< options
    uint8_t type{0};                       //!< LS type
    uint32_t lsid{0};                      //!< link state id
    uint32_t advRouter{0};                 //!< advertising router
    int32_t seq{OSPF_INITIAL_SEQ};         //!< LS sequence number
    uint16_t checksum{0};                  //!< Fletcher checksum
    uint16_t length{OSPF_LSA_HEADER_SIZE}; //!< LSA length including the header

    /// \return (type, lsid, advRouter)
    RtmOspfLsaKey Key() const;

    /// Write the 20 bytes with age \p age.
    void Serialize(Buffer::Iterator& i, uint16_t age) const;
    /// Read 20 bytes (no checks).
    void Deserialize(Buffer::Iterator& i);

    /**
     * \brief Which instance is more recent (RFC 2328 §13.1), both ages being current.
     * \param o the other instance
     * \return > 0 if this one is newer, < 0 if \p o is, 0 if they are the same instance
     */
    int Compare(const RtmOspfLsaHeader& o) const;
};

/// Print the header on one line.
std::ostream& operator<<(std::ostream& os, const RtmOspfLsaHeader& h);

/**
 * \ingroup rtm
 * \brief An LSA: header and body. See the file comment.
 */
class RtmOspfLsa : public SimpleRefCount<RtmOspfLsa>
{
  public:
    /// A link of a Router-LSA (RFC 2328 A.4.2).
    struct Link
    {
        uint32_t id{0};            //!< link id
        uint32_t data{0};          //!< link data
        uint8_t type{0};           //!< RtmOspfLinkType
        uint16_t metric{0};        //!< TOS 0 metric
        std::vector<uint32_t> tos; //!< TOS entries as read (ignored)

        /// \return true if equal
        bool operator==(const Link& o) const;
    };

    RtmOspfLsaHeader hdr; //!< the header

    // Router-LSA
    uint8_t rtrFlags{0};     //!< V, E, B (and Nt) bits, with the reserved bits as read
    uint8_t rtrReserved{0};  //!< the byte after the flags, as read
    std::vector<Link> links; //!< the links

    // Network-LSA, Summary-LSAs, AS-external-LSA, NSSA-LSA
    uint32_t mask{0}; //!< network mask (Summary type 4: 0)

    // Network-LSA
    std::vector<uint32_t> attached; //!< attached routers

    // Summary-LSAs, AS-external-LSA, NSSA-LSA
    uint8_t bits{0};            //!< the byte before the metric: E bit (0x80) of externals, else 0
    uint32_t metric{0};         //!< TOS 0 metric (24 bits)
    uint32_t forward{0};        //!< forwarding address (externals)
    uint32_t tag{0};            //!< external route tag (externals)
    std::vector<uint8_t> extra; //!< TOS entries after the TOS 0 fields, as read

    /// \return the body length in bytes
    uint32_t BodySize() const;

    /// Set hdr.length from the body and compute hdr.checksum (age is not covered).
    void Finalize();

    /**
     * \brief Write the whole LSA with LS age \p age.
     * \param i where
     * \param age the age to write
     */
    void Serialize(Buffer::Iterator& i, uint16_t age) const;

    /// \return the whole LSA as bytes with age \p age
    std::vector<uint8_t> ToBytes(uint16_t age) const;

    /**
     * \brief Parse one LSA.
     * \param data the bytes of the LSA and whatever follows
     * \param avail how many bytes are there
     * \param[out] used the LSA's length if it could be read (0: the rest cannot be parsed)
     * \param[out] why the reason when null is returned
     * \return the LSA, or null if it is bad
     */
    static Ptr<RtmOspfLsa> Parse(const uint8_t* data,
                                 uint32_t avail,
                                 uint32_t& used,
                                 RtmOspfDrop& why);

    /**
     * \brief The Fletcher checksum of an LSA (RFC 2328 §12.1.7).
     * \param lsa the LSA bytes from its first header byte (length \p len, checksum field ignored)
     * \param len the LSA length
     * \return the checksum
     */
    static uint16_t Fletcher(const uint8_t* lsa, uint32_t len);

    /// \return true if the checksum of the LSA bytes is right (and not zero)
    static bool FletcherOk(const uint8_t* lsa, uint32_t len);

    /**
     * \brief Do the two instances differ in contents (RFC 2328 §13.2): options, length, body,
     * or one of them having MaxAge?
     * \param o the other
     * \param myAge this one's current age
     * \param otherAge the other's current age
     * \return true if they differ
     */
    bool ContentsDiffer(const RtmOspfLsa& o, uint16_t myAge, uint16_t otherAge) const;

    /// \return true if the bodies are equal
    bool SameBody(const RtmOspfLsa& o) const;

    /// \return true for Summary and external types (a mask, a metric)
    bool HasMaskAndMetric() const;

    /// Print the LSA (header and body) on one line.
    void Print(std::ostream& os) const;
};

} // namespace ns3

#endif /* RTM_OSPF_LSA_H */
