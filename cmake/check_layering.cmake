# Linking alone cannot keep the layers apart (system headers are visible to every
# target), so this script reads the includes: adapters/ must not reach storage/ or
# SQLite, dialogs/ must not reach anything but the standard library and nlohmann.
function(check_folder folder pattern why)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${folder}/*.h" "${SOURCE_DIR}/${folder}/*.cpp")
  foreach(f ${files})
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line ${lines})
      if(line MATCHES "${pattern}")
        message(FATAL_ERROR "layering: ${f}: '${line}' — ${why}")
      endif()
    endforeach()
  endforeach()
endfunction()

check_folder(adapters "storage/|SQLiteCpp|sqlite3|boost/" "adapters render and parse; they never touch storage, SQLite or Beast")
check_folder(dialogs "storage/|adapters/|bot/|SQLiteCpp|sqlite3|boost/|openssl/" "dialogs is the pure core: std and nlohmann only")
check_folder(storage "adapters/|bot/|boost/" "storage depends on dialogs only")
check_folder(nlp "storage/|adapters/|bot/|SQLiteCpp|sqlite3|boost/" "nlp implements dialogs' language interfaces; it knows nothing of the shell")
