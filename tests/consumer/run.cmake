# ctest case `package_consumer`: installs the build tree into a scratch prefix, then
# configures, builds and runs tests/consumer against that prefix alone, once with CMake's
# find_package and once with Make and pkg-config (tests/consumer/Makefile).
#   cmake -DBUILD_DIR=… -DSOURCE_DIR=… -DSCRATCH_DIR=… -DGENERATOR=… -DCXX_COMPILER=… -P run.cmake
foreach(variable BUILD_DIR SOURCE_DIR SCRATCH_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "run.cmake needs -D${variable}=…")
  endif()
endforeach()

set(prefix ${SCRATCH_DIR}/prefix)
set(consumer_build ${SCRATCH_DIR}/build)
# A fresh prefix each run, so that a file a past build installed cannot make this one pass.
file(REMOVE_RECURSE ${SCRATCH_DIR})

execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
  COMMAND_ERROR_IS_FATAL ANY)
# No package registry, so that only the scratch prefix can answer find_package.
execute_process(COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR} -B ${consumer_build}
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
  COMMAND_ERROR_IS_FATAL ANY)

file(STRINGS ${consumer_build}/CMakeCache.txt found_dir REGEX "^caseledger_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
cmake_path(IS_PREFIX prefix "${found_dir}" NORMALIZE found_in_prefix)
if(NOT found_in_prefix)
  message(FATAL_ERROR "find_package(caseledger) found ${found_dir}, not the copy in ${prefix}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} --build ${consumer_build} COMMAND_ERROR_IS_FATAL ANY)
# The sample ledger (JSON) and a small xlsx ledger, each reported in JSON and xlsx.
execute_process(COMMAND ${consumer_build}/consumer
    ${SOURCE_DIR}/samples/fuzhou-2020q1/ledger.json
    ${SOURCE_DIR}/tests/fuzz/corpus/xlsx_ledger/flat.xlsx ${SCRATCH_DIR}
  COMMAND_ERROR_IS_FATAL ANY)

# The same program built by Make through the installed caseledger.pc alone.
file(GLOB_RECURSE pc_files ${prefix}/*/caseledger.pc)
list(LENGTH pc_files pc_count)
if(NOT pc_count EQUAL 1)
  message(FATAL_ERROR "expected one installed caseledger.pc in ${prefix}, found: ${pc_files}")
endif()
get_filename_component(pc_dir ${pc_files} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
find_program(make_program make REQUIRED)
execute_process(COMMAND ${make_program} -f ${CMAKE_CURRENT_LIST_DIR}/Makefile OUT=${SCRATCH_DIR}
    CXX=${CXX_COMPILER}
  COMMAND_ERROR_IS_FATAL ANY)
file(MAKE_DIRECTORY ${SCRATCH_DIR}/pkg-config-out)
execute_process(COMMAND ${SCRATCH_DIR}/consumer-pkg-config
    ${SOURCE_DIR}/samples/fuzhou-2020q1/ledger.json
    ${SOURCE_DIR}/tests/fuzz/corpus/xlsx_ledger/flat.xlsx ${SCRATCH_DIR}/pkg-config-out
  COMMAND_ERROR_IS_FATAL ANY)
# The license goes with the library.
if(NOT EXISTS ${prefix}/share/doc/caseledger/LICENSE)
  message(FATAL_ERROR "the LICENSE is not installed in ${prefix}/share/doc/caseledger")
endif()
