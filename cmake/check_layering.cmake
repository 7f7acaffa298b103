# Linking alone cannot keep the layers apart (system headers are visible to every
# target, and bot/ is one library), so this script reads the includes:
#   - adapters/ must not reach storage/, SQLite or Beast;
#   - dialogs/ is an allow-list: its own headers, the standard library, nlohmann and
#     simdjson (a pure reader of JSON text, behind dialogs/json_reader.h), and of the
#     standard library nothing that does I/O, threads, randomness or reads
#     a clock (STYLE.md §1: the core gets the time as a value);
#   - bot/'s folders are layered, and an include may only point down the list below,
#     never back up (a channel may use flow/, http/ and net/; flow/ never names a
#     channel, so it cannot grow platform fields again).

# Every include line of every source file under `folder`, as "file|line" entries.
function(include_lines folder out)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp")
  set(result "")
  foreach(f ${files})
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line ${lines})
      list(APPEND result "${f}|${line}")
    endforeach()
  endforeach()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

function(check_folder folder pattern why)
  include_lines(${folder} entries)
  foreach(entry ${entries})
    string(REGEX REPLACE "^[^|]*\\|" "" line "${entry}")
    if(line MATCHES "${pattern}")
      message(FATAL_ERROR "layering: ${entry} — ${why}")
    endif()
  endforeach()
endfunction()

check_folder(adapters "storage/|SQLiteCpp|sqlite3|boost/" "adapters render and parse; they never touch storage, SQLite or Beast")
check_folder(storage "adapters/|bot/|boost/" "storage depends on dialogs only")
check_folder(nlp "storage/|adapters/|bot/|SQLiteCpp|sqlite3|boost/" "nlp implements dialogs' language interfaces; it knows nothing of the shell")

# dialogs/: only what is listed may be included.
set(dialogs_allowed "^[ \t]*#[ \t]*include[ \t]*(\"dialogs/[^\"]+\"|<nlohmann/[^>]+>|<simdjson\\.h>|<[a-z_]+>)")
set(dialogs_refused "<(thread|random|fstream|filesystem|iostream|cstdio|ctime|future|mutex|condition_variable|shared_mutex|stop_token|atomic)>")
include_lines(dialogs entries)
foreach(entry ${entries})
  string(REGEX REPLACE "^[^|]*\\|" "" line "${entry}")
  if(NOT line MATCHES "${dialogs_allowed}")
    message(FATAL_ERROR "layering: ${entry} — dialogs is the pure core: its own headers, std, nlohmann and simdjson only")
  endif()
  if(line MATCHES "${dialogs_refused}")
    message(FATAL_ERROR "layering: ${entry} — dialogs does no I/O, starts no threads and draws no randomness")
  endif()
endforeach()
# No clock reads: the time comes in as an argument (dialogs::step(..., now)).
file(GLOB_RECURSE dialogs_files "${SOURCE_DIR}/dialogs/*.h" "${SOURCE_DIR}/dialogs/*.cpp")
foreach(f ${dialogs_files})
  file(STRINGS "${f}" clock_reads REGEX "(_clock|clock)::now[ \t]*\\(|[^a-z_]time[ \t]*\\([ \t]*(nullptr|NULL|0)[ \t]*\\)")
  if(clock_reads)
    list(GET clock_reads 0 first)
    message(FATAL_ERROR "layering: ${f}: '${first}' — dialogs reads no clock; take the time as a value")
  endif()
endforeach()

# bot/: lowest first. A folder may include its own headers and those of folders before
# it in this list, never those after it. main.cpp (bot/ itself) sits on top.
set(bot_layers obs config net http flow review channels app cli)
list(LENGTH bot_layers layer_count)
math(EXPR last_layer "${layer_count} - 1")
foreach(index RANGE ${last_layer})
  list(GET bot_layers ${index} layer)
  math(EXPR above_start "${index} + 1")
  if(above_start GREATER last_layer)
    continue()
  endif()
  set(above "")
  foreach(upper_index RANGE ${above_start} ${last_layer})
    list(GET bot_layers ${upper_index} upper)
    list(APPEND above "${upper}")
  endforeach()
  string(REPLACE ";" "|" above_pattern "${above}")
  check_folder(bot/${layer} "\"bot/(${above_pattern})/"
               "bot/${layer} sits below bot/{${above}}: includes point down (obs < config < net < http < flow < review < channels < app < cli)")
endforeach()

# Inside channels/: one platform's folder never reaches into another's; what they share
# lives in channels/ itself (the Channel interface and the registry).
file(GLOB channel_dirs LIST_DIRECTORIES true "${SOURCE_DIR}/bot/channels/*")
foreach(dir ${channel_dirs})
  if(IS_DIRECTORY "${dir}")
    get_filename_component(platform "${dir}" NAME)
    include_lines(bot/channels/${platform} entries)
    foreach(entry ${entries})
      string(REGEX REPLACE "^[^|]*\\|" "" line "${entry}")
      if(line MATCHES "\"bot/channels/([a-z_]+)/" AND NOT CMAKE_MATCH_1 STREQUAL platform)
        message(FATAL_ERROR "layering: ${entry} — a channel never includes another channel's files")
      endif()
    endforeach()
  endif()
endforeach()
