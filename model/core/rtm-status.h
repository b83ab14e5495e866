/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmStatus: the result of every RTM operation (the RTMv2 error codes by name).
 */
#ifndef RTM_STATUS_H
#define RTM_STATUS_H

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup rtm
 * \brief The result of every RTM operation.
 *
 * The names mirror the Win32 error codes that RTMv2 returns (ERROR_INVALID_HANDLE becomes
 * RtmStatus::InvalidHandle, and so on). Every operation documents which of these it can return.
 */
enum class RtmStatus : uint8_t
{
    Success = 0,        //!< NO_ERROR: the operation was carried out.
    InvalidHandle,      //!< ERROR_INVALID_HANDLE: a null, stale, forged or foreign handle.
    AccessDenied,       //!< ERROR_ACCESS_DENIED: the object belongs to another client.
    NotFound,           //!< ERROR_NOT_FOUND: nothing matches the request.
    InvalidParameter,   //!< ERROR_INVALID_PARAMETER: a malformed argument (prefix, count, flags).
    AlreadyExists,      //!< ERROR_ALREADY_EXISTS: the entity is already registered.
    NoMoreItems,        //!< ERROR_NO_MORE_ITEMS: an enumeration or change list is exhausted.
    NoSystemResources,  //!< ERROR_NO_SYSTEM_RESOURCES: a configured limit has been reached.
    NotSupported,       //!< ERROR_NOT_SUPPORTED: an unsupported view, family or target type.
    InsufficientBuffer, //!< ERROR_INSUFFICIENT_BUFFER: the caller's count is too small.
    Pending,            //!< ERROR_IO_PENDING: a method invocation was queued (methods blocked).
};

/**
 * \brief The RTMv2-style name of a status ("Success", "InvalidHandle", ...).
 * \param status the status
 * \return its name
 */
const char* RtmStatusName(RtmStatus status);

/**
 * \brief Print the name of a status.
 * \param os the stream
 * \param status the status
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmStatus status);

} // namespace ns3

#endif /* RTM_STATUS_H */
