# triagebot_library_pch(<target>): the libraries' precompiled header, nlohmann/json (and
# the std headers every file uses), compiled once for triagebot_dialogs and reused by
# the other libraries, whose flags are the same. Only headers dialogs itself may include
# are listed, and the layering check reads the include lines, not this list.
#
# Sanitizer tree only: at -O0 parsing json is a large share of a file and the header
# saved 17% of the library files' CPU time; at -O3 code generation dominates, loading
# the 100 MB header costs the files that never include json, and it saved nothing
# (bench/reports/2026-12-03-build.md).
function(triagebot_library_pch target)
  if(NOT TRIAGEBOT_SANITIZE)
    return()
  endif()
  if(target STREQUAL "triagebot_dialogs")
    target_precompile_headers(${target} PRIVATE <nlohmann/json.hpp> <string> <vector> <optional> <map>)
  else()
    target_precompile_headers(${target} REUSE_FROM triagebot_dialogs)
  endif()
endfunction()
