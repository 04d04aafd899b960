# ctest case `package_consumer`: installs the build tree into a scratch prefix, then builds
# and runs tests/consumer against that prefix alone, with find_package and with pkg-config
# (check.cmake).
#   cmake -DBUILD_DIR=… -DSOURCE_DIR=… -DSCRATCH_DIR=… -DGENERATOR=… -DCXX_COMPILER=…
#         -DPKG_CONFIG=… -P run.cmake
if(NOT DEFINED BUILD_DIR OR NOT DEFINED SCRATCH_DIR)
  message(FATAL_ERROR "run.cmake needs -DBUILD_DIR=… and -DSCRATCH_DIR=…")
endif()

set(PREFIX ${SCRATCH_DIR}/prefix)
# A fresh prefix each run, so that a file a past build installed cannot make this one pass.
file(REMOVE_RECURSE ${SCRATCH_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX}
  COMMAND_ERROR_IS_FATAL ANY)
include(${CMAKE_CURRENT_LIST_DIR}/check.cmake)

# What the install puts besides the library, the program and the packages.
foreach(file share/doc/caseledger/LICENSE share/man/man1/caseledger.1.gz
    share/bash-completion/completions/caseledger)
  if(NOT EXISTS ${PREFIX}/${file})
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()
