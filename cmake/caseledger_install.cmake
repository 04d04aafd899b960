# Install rules and the package config, so that another CMake project can do
#   find_package(caseledger REQUIRED)
#   target_link_libraries(app PRIVATE caseledger::caseledger)
include(CMakePackageConfigHelpers)

set(caseledger_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/caseledger)

install(TARGETS caseledger EXPORT caseledger-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/caseledger
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/caseledger/version.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/caseledger)
# The headline templates the library has built in, as a starting point for a user's own.
install(FILES ${PROJECT_SOURCE_DIR}/data/headlines.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/caseledger)
install(EXPORT caseledger-targets
  NAMESPACE caseledger::
  DESTINATION ${caseledger_cmake_dir})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/caseledger-config.cmake.in
  ${PROJECT_BINARY_DIR}/caseledger-config.cmake
  INSTALL_DESTINATION ${caseledger_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/caseledger-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/caseledger-config.cmake
  ${PROJECT_BINARY_DIR}/caseledger-config-version.cmake
  DESTINATION ${caseledger_cmake_dir})

# pkg-config's description (cmake/caseledger.pc.in), for Make and Meson projects. Its paths
# are relative to the .pc file. A static library (the default) needs its dependencies in
# every consumer's link, a shared one only in a static link: so they go in Requires and
# Libs, or in their .private forms.
file(RELATIVE_PATH caseledger_pc_to_prefix "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" caseledger_pc_to_prefix "${caseledger_pc_to_prefix}")
set(caseledger_pc_dependencies "xlsxwriter minizip zlib expat opencc libcrypto")
if(BUILD_SHARED_LIBS)
  set(caseledger_pc_requires "")
  set(caseledger_pc_requires_private "${caseledger_pc_dependencies}")
  set(caseledger_pc_libs "")
  set(caseledger_pc_libs_private "-pthread")
else()
  set(caseledger_pc_requires "${caseledger_pc_dependencies}")
  set(caseledger_pc_requires_private "")
  set(caseledger_pc_libs "-pthread")
  set(caseledger_pc_libs_private "")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/caseledger.pc.in ${PROJECT_BINARY_DIR}/caseledger.pc
  @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/caseledger.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
