/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One area of an OSPF process: its configuration (normal, stub, NSSA; default cost; totally
 * stubby), link-state database and last SPF result.
 */
#ifndef RTM_OSPF_AREA_H
#define RTM_OSPF_AREA_H

#include "rtm-ospf-lsdb.h"
#include "rtm-ospf-spf.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief Configuration of an OSPF area (given before RtmOspfClient::Start; areas not configured
 * are normal areas).
 */
struct RtmOspfAreaConfig
{
    RtmOspfAreaType type{RtmOspfAreaType::Normal}; //!< normal, stub or NSSA
    uint32_t defaultCost{1}; //!< cost of the default summary an ABR originates into a stub/NSSA
    bool noSummary{false};   //!< stub/NSSA: no Summary-LSAs but the default ("totally stubby")
};

/**
 * \ingroup rtm
 * \brief One area of an OSPF process: its configuration, link-state database and last SPF
 * result.
 */
struct RtmOspfArea
{
    uint32_t id{0};        //!< area id
    RtmOspfAreaConfig cfg; //!< configuration
    RtmOspfLsdb lsdb;      //!< the area's LSAs (types 1-4, 7)
    RtmOspfSpfResult spf;  //!< last intra-area calculation

    /// \return true for stub areas and NSSAs (no AS-external-LSAs)
    bool NoExternals() const
    {
        return cfg.type != RtmOspfAreaType::Normal;
    }

    /// \return the options this router uses in the area (E, or N for an NSSA)
    uint8_t Options() const
    {
        switch (cfg.type)
        {
        case RtmOspfAreaType::Normal:
            return OSPF_OPT_E;
        case RtmOspfAreaType::Nssa:
            return OSPF_OPT_NP;
        default:
            return 0;
        }
    }
};

} // namespace ns3

#endif /* RTM_OSPF_AREA_H */
