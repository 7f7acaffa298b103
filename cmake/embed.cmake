# embed.cmake: turn a text file into a C++ source defining
#   std::string_view <SYMBOL>()  in namespace triagebot::embedded
# so data (the knowledge base, the widget script, pages) ships inside the binary.
# Called as: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P embed.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
# Bytes as a char array: no raw-string delimiter can clash with the content. The array is
# named after the symbol so that a unity build may put several embedded files together.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace triagebot::embedded {\n"
  "namespace { constexpr char ${SYMBOL}_bytes[] = {${bytes} '\\0'}; }\n"
  "std::string_view ${SYMBOL}() { return {${SYMBOL}_bytes, sizeof(${SYMBOL}_bytes) - 1}; }\n"
  "}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
