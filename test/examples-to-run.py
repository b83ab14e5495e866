#! /usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# The rtm examples ./test.py runs in an ns-3 tree (with --enable-examples): (command, condition to
# run, condition to run under valgrind[, fullness]). The topology examples need the reference
# data (RTM_SHARED_DATA, which utils/check-intree.sh sets) and exit with status 1 when a path
# differs from the shortest paths of the topology graph.

cpp_examples = [
    ("rtm-tour", "True", "False"),
    ("rtm-topology --graphml=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/topology-zoo/Abilene.graphml --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
    ("rtm-topology --graphml=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/topology-zoo/Abilene.graphml --protocol=rip --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
    ("rtm-topology --graphml=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/topology-zoo/Abilene.graphml --family=dual --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
    ("rtm-topology --graphml=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/topology-zoo/Abilene.graphml --protocol=ripng --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
    ("rtm-topology --graphml=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/topology-zoo/Abilene.graphml --protocol=ospf --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
    ("rtm-topology --graphml=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/topology-zoo/Abilene.graphml --protocol=bgp --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
    ("rtm-bgp-internet", "True", "False"),
    ("rtm-bgp-hijack --simTime=120", "True", "False"),
    ("rtm-bgp-path-exploration --n=6 --simTime=200", "True", "False"),
    ("rtm-topology --rocketfuel=" + os.environ.get("RTM_SHARED_DATA", "") + "/topologies/ns3-samples/RocketFuel_toposample_1239_weights.txt --validate", "'RTM_SHARED_DATA' in os.environ", "False"),
]

python_examples = []
