/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of RtmTableFile: both line formats, comments, malformed lines, gzip and plain files, and
 * the real RouteViews tables of the shared data folder.
 */
#include "ns3/rtm-table-file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

using namespace ns3;

namespace
{

/// A temporary file removed at the end of the test.
class TempFile
{
  public:
    explicit TempFile(const std::string& suffix)
        : m_path((std::filesystem::temp_directory_path() /
                  ("rtm-table-file-test-" + std::to_string(getpid()) + "-" +
                   std::to_string(s_counter++) + suffix))
                     .string())
    {
    }

    ~TempFile()
    {
        std::remove(m_path.c_str());
    }

    const std::string& Path() const
    {
        return m_path;
    }

    void WritePlain(const std::string& content) const
    {
        std::ofstream out(m_path, std::ios::binary);
        out << content;
    }

    void WriteGzip(const std::string& content) const
    {
        gzFile f = gzopen(m_path.c_str(), "wb");
        ASSERT_NE(f, nullptr);
        ASSERT_EQ(gzwrite(f, content.data(), static_cast<unsigned>(content.size())),
                  static_cast<int>(content.size()));
        gzclose(f);
    }

  private:
    std::string m_path;
    static int s_counter;
};

int TempFile::s_counter = 0;

const char* kMixed = "; IP-ASN32-DAT file\n"
                     "; Prefixes-v4   : 3\n"
                     "1.0.0.0/24\t15169\n"
                     "# a next-hop section\n"
                     "\n"
                     "10.0.0.0/8   192.168.1.1\n"
                     "2001:db8::/32\t64512\n"
                     "2001:db8:1::/48 fe80::1   # trailing comment\n"
                     "0.0.0.0/0 10.0.0.1\r\n"
                     "10.1.2.3/16\t1\n"           // host bits set
                     "10.0.0.0/33\t1\n"           // bad length
                     "garbage\t1\n"               // bad prefix
                     "10.2.0.0/16\n"              // no second field
                     "10.3.0.0/16\tAS123\n"       // unknown second field
                     "10.4.0.0/16 10.0.0.0/8\n"   // a prefix is not a next hop
                     "10.5.0.0/16 1 2\n"          // extra field
                     "10.6.0.0/16\t99999999999\n" // ASN beyond 32 bits
                     "   \t  \n"
                     "::/0 2001:db8::1"; // last line without a newline

void
CheckMixed(const std::vector<RtmTableFileEntry>& e,
           uint32_t rejected,
           const std::vector<std::string>& errors)
{
    ASSERT_EQ(e.size(), 6u);
    EXPECT_EQ(e[0].prefix.ToString(), "1.0.0.0/24");
    EXPECT_EQ(e[0].asn, 15169u);
    EXPECT_EQ(e[0].nextHop.addressFamily, 0);
    EXPECT_EQ(e[0].line, 3u);
    EXPECT_EQ(e[1].prefix.ToString(), "10.0.0.0/8");
    EXPECT_EQ(e[1].nextHop.ToString(), "192.168.1.1/32");
    EXPECT_EQ(e[1].asn, 0u);
    EXPECT_EQ(e[1].line, 6u);
    EXPECT_EQ(e[2].prefix.ToString(), "2001:db8::/32");
    EXPECT_EQ(e[2].asn, 64512u);
    EXPECT_EQ(e[3].prefix.ToString(), "2001:db8:1::/48");
    EXPECT_EQ(e[3].nextHop.GetIpv6(), Ipv6Address("fe80::1"));
    EXPECT_EQ(e[4].prefix.ToString(), "0.0.0.0/0");
    EXPECT_EQ(e[4].nextHop.GetIpv4(), Ipv4Address("10.0.0.1"));
    EXPECT_EQ(e[5].prefix.ToString(), "::/0");
    EXPECT_EQ(e[5].nextHop.addressFamily, RTM_AF_INET6);
    EXPECT_EQ(e[5].line, 19u);
    EXPECT_EQ(rejected, 8u);
    ASSERT_EQ(errors.size(), 8u);
    EXPECT_NE(errors[0].find("line 10"), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("host bits"), std::string::npos) << errors[0];
    EXPECT_NE(errors[4].find("unknown second field"), std::string::npos) << errors[4];
}

} // namespace

TEST(RtmTableFile, ReadsPlainFileInBothFormats)
{
    TempFile f(".txt");
    f.WritePlain(kMixed);
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    ASSERT_TRUE(RtmTableFile::Read(f.Path(), entries, rejected, errors));
    CheckMixed(entries, rejected, errors);
}

TEST(RtmTableFile, ReadsGzipFile)
{
    TempFile f(".txt.gz");
    f.WriteGzip(kMixed);
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    ASSERT_TRUE(RtmTableFile::Read(f.Path(), entries, rejected, errors));
    CheckMixed(entries, rejected, errors);
}

TEST(RtmTableFile, KeepsOnlyTheFirstErrorsAndHandlesLongLines)
{
    std::string content;
    for (int i = 0; i < 50; ++i)
    {
        content += "bad line " + std::to_string(i) + "\n";
    }
    content += std::string(10000, ' ') + "192.0.2.0/24\t7\n"; // longer than any read buffer
    content += "# " + std::string(10000, 'x') + "\n";
    content += "198.51.100.0/24 203.0.113.1\n";
    TempFile f(".txt");
    f.WritePlain(content);
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    ASSERT_TRUE(RtmTableFile::Read(f.Path(), entries, rejected, errors));
    EXPECT_EQ(rejected, 50u);
    EXPECT_EQ(errors.size(), RtmTableFile::kMaxErrors);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].prefix.ToString(), "192.0.2.0/24");
    EXPECT_EQ(entries[0].asn, 7u);
    EXPECT_EQ(entries[0].line, 51u);
    EXPECT_EQ(entries[1].prefix.ToString(), "198.51.100.0/24");
    EXPECT_EQ(entries[1].line, 53u);
}

TEST(RtmTableFile, FailsOnlyWhenTheFileCannotBeRead)
{
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    EXPECT_FALSE(RtmTableFile::Read("/nonexistent/rtm/table.txt", entries, rejected, errors));
    EXPECT_TRUE(entries.empty());

    TempFile empty(".txt");
    empty.WritePlain("");
    EXPECT_TRUE(RtmTableFile::Read(empty.Path(), entries, rejected, errors));
    EXPECT_TRUE(entries.empty());
    EXPECT_EQ(rejected, 0u);
}

namespace
{

void
ReadRealTable(const std::string& name, std::size_t v4, std::size_t v6)
{
    std::string path = std::string(RTM_SHARED_DATA) + "/tables/" + name;
    if (!std::filesystem::exists(path))
    {
        GTEST_SKIP() << "reference table " << path << " is absent";
    }
    std::vector<RtmTableFileEntry> entries;
    uint32_t rejected = 0;
    std::vector<std::string> errors;
    ASSERT_TRUE(RtmTableFile::Read(path, entries, rejected, errors));
    EXPECT_EQ(rejected, 0u) << (errors.empty() ? "" : errors[0]);
    std::size_t n4 = 0;
    std::size_t n6 = 0;
    for (const auto& e : entries)
    {
        ASSERT_TRUE(e.prefix.IsCanonical());
        ASSERT_EQ(e.nextHop.addressFamily, 0);
        (e.prefix.addressFamily == RTM_AF_INET ? n4 : n6)++;
    }
    EXPECT_EQ(n4, v4);
    EXPECT_EQ(n6, v6);
}

} // namespace

TEST(RtmTableFile, ReadsRouteViews2014)
{
    ReadRealTable("ipasn_20140513.dat.gz", 512621, 0);
}

TEST(RtmTableFile, ReadsRouteViews2015)
{
    ReadRealTable("ipasn6_20151101.dat.gz", 606138, 27693);
}
