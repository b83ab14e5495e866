# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# Build description of the rtm module for ns-3 <= 3.35 (waf). Newer trees use CMakeLists.txt.
# The file lists are read from rtm-sources.cmake, shared with the CMake builds.
import os
import re


def _lists(path):
    """Return {name: [files]} for every set(name ...) in rtm-sources.cmake."""
    text = open(os.path.join(path, 'rtm-sources.cmake')).read()
    text = re.sub(r'#[^\n]*', '', text)
    out = {}
    for name, body in re.findall(r'set\(\s*(\w+)([^)]*)\)', text):
        out[name] = body.split()
    return out


def configure(conf):
    # Boost.Graph (GraphML), zlib (gzipped tables), nettle (RIPv2 authentication digests) and
    # GoogleTest come from Debian packages.
    conf.env.append_value('LIB_RTMDEPS', ['boost_graph', 'z', 'nettle'])
    conf.env.append_value('LIB_RTMTEST', ['gtest', 'pthread'])


def build(bld):
    files = _lists(bld.path.abspath())
    module = bld.create_ns3_module(
        'rtm', ['internet', 'point-to-point', 'csma', 'applications', 'topology-read'])
    module.source = files['rtm_sources']
    module.use.append('RTMDEPS')

    module_test = bld.create_ns3_module_test_library('rtm')
    module_test.source = ['test/rtm-test-suite.cc'] + files['rtm_gtest_sources']
    module_test.use.append('RTMTEST')
    module_test.defines = ['RTM_SHARED_DATA="%s"' % os.path.abspath(
        os.path.join(bld.path.abspath(), '..', '..', '..', 'shared', 'data'))]

    headers = bld(features='ns3header')
    headers.module = 'rtm'
    headers.source = files['rtm_headers']

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
