# `cpack -G DEB` in the build folder makes caseledger_<version>_<arch>.deb: the program,
# its man page and bash completion, the library with its headers, CMake package and
# pkg-config file, installed under /usr.
#
# The Python package is left out: Python users install the wheel (README), which pip
# records and can uninstall; a module put into /usr by dpkg would be one pip cannot see.
set(CPACK_PACKAGE_NAME caseledger)
set(CPACK_PACKAGE_VENDOR "the caseledger authors")
set(CPACK_PACKAGE_CONTACT "the caseledger authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "enterprise-assistance case ledgers into the summary reports offices send")
set(CPACK_PACKAGE_DESCRIPTION
    "caseledger turns an enterprise-assistance case ledger (JSON, CSV, xlsx or ods) into the \
summary reports district offices send the city: a JSON report and an Excel workbook. \
This package holds the caseledger program and the C++20 library (MIT licensed).")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
# Every install rule but the Python package's names no component ("Unspecified").
set(CPACK_COMPONENTS_ALL Unspecified)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# The program stripped, as Debian ships programs (CMake never strips a static library).
set(CPACK_STRIP_FILES ON)
# dpkg-shlibdeps finds the program's shared libraries (libxlsxwriter, Boost, OpenCC, …).
# The library is static, so a project linking it needs its dependencies' development
# packages, which the caseledger config and caseledger.pc find (pkg-config among them).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "nlohmann-json3-dev (>= 3.10), libxlsxwriter-dev, \
libminizip-dev, zlib1g-dev, libexpat1-dev, libopencc-dev, libssl-dev, pkg-config")
include(CPack)
