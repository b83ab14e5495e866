/*
 * rtm: a routing table manager (RTMv2 architecture) for ns-3.
 */
#ifndef RTM_OSPF_MD5_H
#define RTM_OSPF_MD5_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The MD5 message digest (RFC 1321), for OSPF cryptographic authentication (RFC 2328
 * appendix D.3). Feed bytes with Update, then Final; one object per digest.
 */
class RtmOspfMd5
{
  public:
    RtmOspfMd5();

    /**
     * \brief Add bytes to the message.
     * \param data the bytes
     * \param len how many
     */
    void Update(const uint8_t* data, std::size_t len);

    /// \return the digest of everything added (the object must not be used afterwards)
    std::array<uint8_t, 16> Final();

    /// \return the digest of \p data
    static std::array<uint8_t, 16> Digest(const std::vector<uint8_t>& data);

  private:
    /// Process one 64-byte block.
    void Block(const uint8_t* block);

    uint32_t m_state[4];       //!< A, B, C, D
    uint64_t m_length{0};      //!< message length in bytes
    uint8_t m_buffer[64];      //!< partial block
    std::size_t m_buffered{0}; //!< bytes in m_buffer
};

} // namespace ns3

#endif /* RTM_OSPF_MD5_H */
