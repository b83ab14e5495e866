/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The bodies of the five OSPF packets (RFC 2328 A.3.2 - A.3.6), one ns-3 Header each, and
 * RtmOspfPacket::Parse, which checks a received packet completely (common header, checksum,
 * body) and says why it is rejected. Authentication is checked afterwards by the receiving
 * interface (RtmOspfAuth), which knows the keys.
 *
 * The bodies' Deserialize read everything up to the end of the buffer they are given and trust
 * it; received bytes go through Parse, which never fails on garbage.
 */
#ifndef RTM_OSPF_PACKETS_H
#define RTM_OSPF_PACKETS_H

#include "rtm-ospf-header.h"
#include "rtm-ospf-lsa.h"

#include "ns3/header.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Hello packet body (A.3.2).
 */
class RtmOspfHello : public Header
{
  public:
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

    uint32_t mask{0};                //!< network mask
    uint16_t helloInterval{10};      //!< HelloInterval (s)
    uint8_t options{OSPF_OPT_E};     //!< options
    uint8_t priority{1};             //!< router priority
    uint32_t deadInterval{40};       //!< RouterDeadInterval (s)
    uint32_t dr{0};                  //!< designated router (interface address)
    uint32_t bdr{0};                 //!< backup designated router
    std::vector<uint32_t> neighbors; //!< router ids heard from in the last dead interval
};

/**
 * \ingroup rtm
 * \brief Database Description packet body (A.3.3).
 */
class RtmOspfDbDesc : public Header
{
  public:
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

    uint16_t mtu{1500};                    //!< interface MTU
    uint8_t options{OSPF_OPT_E};           //!< options
    uint8_t flags{0};                      //!< I, M, MS
    uint32_t seq{0};                       //!< DD sequence number
    std::vector<RtmOspfLsaHeader> headers; //!< LSA headers (with the ages to send)
};

/**
 * \ingroup rtm
 * \brief Link State Request packet body (A.3.4).
 */
class RtmOspfLsRequest : public Header
{
  public:
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

    std::vector<RtmOspfLsaKey> requests; //!< the LSAs asked for
};

/**
 * \ingroup rtm
 * \brief Link State Update packet body (A.3.5).
 */
class RtmOspfLsUpdate : public Header
{
  public:
    /// An LSA and the age it is sent with.
    struct Entry
    {
        Ptr<const RtmOspfLsa> lsa; //!< the LSA
        uint16_t age{0};           //!< LS age to write
    };

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

    std::vector<Entry> lsas; //!< the LSAs
    /// After Deserialize/Parse: the LSAs that were dropped, with the reason.
    std::vector<std::pair<RtmOspfLsaHeader, RtmOspfDrop>> bad;
};

/**
 * \ingroup rtm
 * \brief Link State Acknowledgment packet body (A.3.6).
 */
class RtmOspfLsAck : public Header
{
  public:
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

    std::vector<RtmOspfLsaHeader> headers; //!< the LSAs acknowledged
};

/**
 * \ingroup rtm
 * \brief A received OSPF packet: the common header and the body of its type.
 */
struct RtmOspfPacket
{
    RtmOspfHeader header; //!< common header
    RtmOspfHello hello;   //!< type 1
    RtmOspfDbDesc dd;     //!< type 2
    RtmOspfLsRequest lsr; //!< type 3
    RtmOspfLsUpdate lsu;  //!< type 4
    RtmOspfLsAck ack;     //!< type 5

    /**
     * \brief Check and parse an OSPF packet.
     * \param data the bytes from the common header on (a cryptographic trailer may follow)
     * \param size how many
     * \param[out] out the packet
     * \param[out] why the reason, when false is returned
     * \return true if the packet is well formed (its checksum right unless AuType is 2); bad
     * LSAs inside an LSU do not reject the packet, they are listed in out.lsu.bad
     */
    static bool Parse(const uint8_t* data, uint32_t size, RtmOspfPacket& out, RtmOspfDrop& why);
};

} // namespace ns3

#endif /* RTM_OSPF_PACKETS_H */
