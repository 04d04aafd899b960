# One place for the warning flags, applied per target so that a project embedding
# caseledger keeps its own global flags.
function(caseledger_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wsign-conversion -Wold-style-cast)
  if(CASELEDGER_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
