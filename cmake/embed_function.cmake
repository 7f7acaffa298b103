# triagebot_embed(<target> <input file> <symbol>): compile <input file> into <target>
# as std::string_view triagebot::embedded::<symbol>(), regenerated when the file changes.
function(triagebot_embed target input symbol)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS "${input}" ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${input}")
  target_sources(${target} PRIVATE "${output}")
endfunction()
