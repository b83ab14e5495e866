# SPDX-License-Identifier: GPL-2.0-only
# Sphinx configuration for building the rtm chapter on its own (doc/CMakeLists.txt runs it with
# warnings as errors in `make test`). In an ns-3 tree, doc/rtm.rst is the module's chapter of the
# models manual and this file is not used.
project = "rtm"
root_doc = "index"
# Included by rtm.rst, not documents of their own.
exclude_patterns = ["replace.txt", "rtm-decisions.rst", "rtm-spec.rst", "_build"]
highlight_language = "cpp"
