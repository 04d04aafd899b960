# Builds tests/consumer against an installed caseledger twice, with CMake's find_package
# and with Make and pkg-config (Makefile), checks that each found the copy in PREFIX and
# no other, and runs both. tests/consumer/run.cmake calls it on a scratch install, the
# package_deb test on the .deb's files in /usr.
#   cmake -DPREFIX=… -DSOURCE_DIR=… -DSCRATCH_DIR=… -DGENERATOR=… -DCXX_COMPILER=…
#         -DPKG_CONFIG=… -P check.cmake
foreach(variable PREFIX SOURCE_DIR SCRATCH_DIR GENERATOR CXX_COMPILER PKG_CONFIG)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check.cmake needs -D${variable}=…")
  endif()
endforeach()
# Make is looked for now, not when the build was configured: scripts/sample.sh configures
# before scripts/test.sh installs the test packages, make among them.
find_program(MAKE_PROGRAM make)
if(NOT MAKE_PROGRAM)
  message(FATAL_ERROR "make is not installed (Debian: apt-get install make; scripts/test.sh "
                      "installs it): the consumer is built with Make too")
endif()

# The sample ledger (JSON) and a small xlsx ledger, each reported in JSON and xlsx.
set(ledgers ${SOURCE_DIR}/samples/fuzhou-2020q1/ledger.json
  ${SOURCE_DIR}/tests/fuzz/corpus/xlsx_ledger/flat.xlsx)

# find_package, with no package registry, so that only PREFIX can answer.
set(cmake_build ${SCRATCH_DIR}/cmake-build)
file(REMOVE_RECURSE ${cmake_build})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR} -B ${cmake_build}
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${PREFIX}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
  COMMAND_ERROR_IS_FATAL ANY)
file(STRINGS ${cmake_build}/CMakeCache.txt found_dir REGEX "^caseledger_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
cmake_path(IS_PREFIX PREFIX "${found_dir}" NORMALIZE found_in_prefix)
if(NOT found_in_prefix)
  message(FATAL_ERROR "find_package(caseledger) found ${found_dir}, not the copy in ${PREFIX}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${cmake_build} COMMAND_ERROR_IS_FATAL ANY)
file(MAKE_DIRECTORY ${cmake_build}/out)
execute_process(COMMAND ${cmake_build}/consumer ${ledgers} ${cmake_build}/out
  COMMAND_ERROR_IS_FATAL ANY)

# pkg-config, searching PREFIX's lib/pkgconfig before its own folders.
set(make_build ${SCRATCH_DIR}/make-build)
file(REMOVE_RECURSE ${make_build})
file(MAKE_DIRECTORY ${make_build}/out)
file(GLOB pc_dirs ${PREFIX}/lib/pkgconfig ${PREFIX}/lib/*/pkgconfig)
string(REPLACE ";" ":" pc_path "${pc_dirs}")
set(ENV{PKG_CONFIG_PATH} "${pc_path}")
execute_process(COMMAND ${PKG_CONFIG} --variable=pcfiledir caseledger
  OUTPUT_VARIABLE pc_dir OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
cmake_path(IS_PREFIX PREFIX "${pc_dir}" NORMALIZE found_in_prefix)
if(NOT found_in_prefix)
  message(FATAL_ERROR "pkg-config found caseledger.pc in ${pc_dir}, not in ${PREFIX}")
endif()
execute_process(COMMAND ${MAKE_PROGRAM} -f ${CMAKE_CURRENT_LIST_DIR}/Makefile
    OUT=${make_build} CXX=${CXX_COMPILER} PKG_CONFIG=${PKG_CONFIG}
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${make_build}/consumer ${ledgers} ${make_build}/out
  COMMAND_ERROR_IS_FATAL ANY)
