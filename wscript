# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# SPDX-License-Identifier: GPL-2.0-only
# Build description of the rtm module for ns-3 <= 3.35 (waf); newer trees use CMakeLists.txt.
# The file lists are read from rtm-sources.cmake, shared with the CMake builds. Like the CMake
# build it makes three libraries (rtm, rtm-tables, rtm-network: doc/rtm.rst, "Libraries"); all
# three are built when rtm is enabled. Examples are built with --enable-examples.
import os
import re


def _lists(path):
    """Return {name: [files]} for every set(name ...) of rtm-sources.cmake, ${x} expanded."""
    text = open(os.path.join(path, 'rtm-sources.cmake')).read()
    text = re.sub(r'#[^\n]*', '', text)
    out = {}
    for name, body in re.findall(r'set\(\s*(\w+)([^)]*)\)', text):
        files = []
        for word in body.split():
            ref = re.match(r'^\$\{(\w+)\}$', word)
            files += out.get(ref.group(1), []) if ref else [word]
        out[name] = files
    return out


def _test_areas(files):
    """The RTM_TEST_AREAS definition of test/rtm-test-suite.cc (see CMakeLists.txt)."""
    areas = []
    for area_duration in files['rtm_test_areas']:
        area = area_duration.split(':')[0]
        names = [os.path.basename(f) for f in files.get('rtm_test_' + area, [])]
        areas.append(area_duration + ':' + ','.join(names))
    return '|'.join(areas)


def _shared_data(path):
    """The reference data: RTM_SHARED_DATA, else ../shared/data beside the checkout."""
    if os.environ.get('RTM_SHARED_DATA'):
        return os.environ['RTM_SHARED_DATA']
    real = os.path.realpath(path)
    for up in ['..', os.path.join('..', '..'), os.path.join('..', '..', '..')]:
        candidate = os.path.join(real, up, 'shared', 'data')
        if os.path.exists(os.path.join(candidate, 'README.md')):
            return os.path.abspath(candidate)
    return ''


def configure(conf):
    # Boost.Graph (GraphML), zlib (gzipped tables), nettle (RIPv2 and OSPF authentication
    # digests) and GoogleTest come from Debian packages.
    conf.env.append_value('LIB_RTMNETTLE', ['nettle'])
    conf.env.append_value('LIB_RTMGRAPH', ['boost_graph'])
    conf.env.append_value('LIB_RTMZLIB', ['z'])
    conf.env.append_value('LIB_RTMTEST', ['gtest', 'gmock', 'pthread'])
    conf.env['RTM_SHARED_DATA'] = _shared_data(conf.path.abspath())


def _module_header(bld, name):
    header = bld(features='ns3moduleheader')
    header.module = name


def build(bld):
    files = _lists(bld.path.abspath())
    # The two other libraries are modules of their own for waf: known, and enabled with rtm.
    extra = ['ns3-rtm-tables', 'ns3-rtm-network']
    bld.env.append_unique('NS3_CONTRIBUTED_MODULES', extra)
    if 'ns3-rtm' in bld.env['NS3_ENABLED_CONTRIBUTED_MODULES']:
        bld.env.append_unique('NS3_ENABLED_CONTRIBUTED_MODULES', extra)

    module = bld.create_ns3_module('rtm', ['internet'])
    module.source = files['rtm_sources']
    module.use.append('RTMNETTLE')
    headers = bld(features='ns3header')
    headers.module = 'rtm'
    headers.source = files['rtm_headers']

    tables = bld.create_ns3_module('rtm-tables', ['rtm'])
    tables.source = files['rtm_tables_sources']
    tables.use.append('RTMZLIB')
    headers = bld(features='ns3header')
    headers.module = 'rtm-tables'
    headers.source = files['rtm_tables_headers']
    _module_header(bld, 'rtm-tables')

    network = bld.create_ns3_module(
        'rtm-network', ['rtm', 'point-to-point', 'csma', 'applications', 'topology-read'])
    network.source = files['rtm_network_sources']
    network.use += ['RTMGRAPH', 'RTMNETTLE']
    headers = bld(features='ns3header')
    headers.module = 'rtm-network'
    headers.source = files['rtm_network_headers']
    _module_header(bld, 'rtm-network')

    # One test library for the three (libgtest is static: one registry).
    module_test = bld.create_ns3_module_test_library('rtm')
    module_test.source = ['test/rtm-test-suite.cc'] + files['rtm_gtest_sources']
    module_test.use += ['ns3-rtm-tables', 'ns3-rtm-network', 'RTMTEST']
    module_test.defines = ['RTM_SHARED_DATA="%s"' % bld.env['RTM_SHARED_DATA'],
                           'RTM_TEST_AREAS="%s"' % _test_areas(files)]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
