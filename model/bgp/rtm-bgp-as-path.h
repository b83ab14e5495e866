/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmBgpAsPath: the BGP AS_PATH attribute (segments AS_SEQUENCE / AS_SET), its length, loop
 * check, prepend, 2- and 4-octet encodings and the AS4_PATH merge (RFC 4271, RFC 6793).
 */
#ifndef RTM_BGP_AS_PATH_H
#define RTM_BGP_AS_PATH_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief A BGP AS_PATH (RFC 4271 §4.3, §5.1.2): a sequence of segments, each an AS_SEQUENCE
 * (ordered) or an AS_SET (unordered, from aggregation), of 4-octet AS numbers (RFC 6793).
 *
 * The path length of the decision process counts each AS of a sequence and each set as one
 * (confederation segments, accepted on the wire, count 0). The text form, used by AS-path
 * regular expressions, is the ASes separated by single spaces with sets as "{a,b}": e.g.
 * "65001 3356 {64512,64513}"; the empty path is "".
 */
class RtmBgpAsPath
{
  public:
    /// Segment types (RFC 4271 §4.3, RFC 5065 for the confederation types).
    enum SegmentType : uint8_t
    {
        AS_SET = 1,             //!< unordered set
        AS_SEQUENCE = 2,        //!< ordered sequence
        AS_CONFED_SEQUENCE = 3, //!< confederation sequence (RFC 5065)
        AS_CONFED_SET = 4,      //!< confederation set (RFC 5065)
    };

    /// One segment.
    struct Segment
    {
        uint8_t type{AS_SEQUENCE};  //!< SegmentType
        std::vector<uint32_t> asns; //!< its AS numbers (1..255 on the wire)

        /// \return true if type and ASes are equal
        bool operator==(const Segment& o) const
        {
            return type == o.type && asns == o.asns;
        }
    };

    RtmBgpAsPath() = default;
    /// \param sequence the ASes of one AS_SEQUENCE (empty: the empty path)
    explicit RtmBgpAsPath(const std::vector<uint32_t>& sequence);

    /// \return the segments
    const std::vector<Segment>& GetSegments() const
    {
        return m_segments;
    }

    /// \param s a segment to append (empty segments are ignored)
    void AddSegment(const Segment& s);

    /// \return the length for the decision process (RFC 4271 §9.1.2.2 a)
    uint32_t Length() const;
    /// \return the number of AS numbers over all segments (RFC 6793 counting, sets count 1)
    uint32_t CountForMerge() const;

    /// \return true if the path is empty
    bool IsEmpty() const
    {
        return m_segments.empty();
    }

    /// \return true if \p asn occurs anywhere (loop detection)
    bool Contains(uint32_t asn) const;
    /// \return how many times \p asn occurs
    uint32_t Occurrences(uint32_t asn) const;
    /// \return the first AS of the first AS_SEQUENCE (the neighbour AS, RFC 4271 §9.1.2.2 c), 0
    /// if the path does not start with a sequence
    uint32_t FirstAs() const;
    /// \return the last AS of the path (the origin AS), 0 if empty or ending in a set
    uint32_t OriginAs() const;

    /// \param asn prepended \param times this many times (a new leading sequence if needed)
    void Prepend(uint32_t asn, uint32_t times = 1);

    /// \return true if some AS does not fit in two octets
    bool NeedsFourOctets() const;
    /// \return the path with each AS above 65535 replaced by AS_TRANS (RFC 6793 §4.2.2)
    RtmBgpAsPath WithAsTrans() const;

    /**
     * \brief RFC 6793 §4.2.3: the path of a 2-octet speaker merged with its AS4_PATH.
     * \param as4 the AS4_PATH
     * \return the merged path (this path if AS4_PATH is longer than it)
     */
    RtmBgpAsPath MergeAs4(const RtmBgpAsPath& as4) const;

    /// \return the text form ("65001 3356 {1,2}")
    std::string ToString() const;

    /**
     * \brief Encode the segments.
     * \param out appended to
     * \param fourOctet 4-octet AS numbers (else 2 octets, ASes above 65535 must have been
     * replaced by AS_TRANS)
     */
    void Encode(std::vector<uint8_t>& out, bool fourOctet) const;

    /**
     * \brief Decode segments (RFC 7606 §7.2 checks: segment type, zero-length segment, overrun).
     * \param data the attribute value \param len its length
     * \param fourOctet 4-octet AS numbers
     * \param[out] out the path
     * \return false if malformed
     */
    static bool Decode(const uint8_t* data, std::size_t len, bool fourOctet, RtmBgpAsPath& out);

    /// \return true if the segments are equal
    bool operator==(const RtmBgpAsPath& o) const
    {
        return m_segments == o.m_segments;
    }

    /// \return a hash of the segments
    std::size_t Hash() const;

    static constexpr uint32_t AS_TRANS = 23456; //!< RFC 6793 stand-in for a 4-octet AS

  private:
    std::vector<Segment> m_segments; //!< the segments
};

} // namespace ns3

#endif /* RTM_BGP_AS_PATH_H */
