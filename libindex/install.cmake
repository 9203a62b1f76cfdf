# Install rules of the kb::index library: the shared and static library,
# the public headers, a CMake package (find_package(kbindex CONFIG)) and
# pkg-config's kbindex.pc. Included by CMakeLists.txt beside it.
include(CMakePackageConfigHelpers)

install(TARGETS kb_index_shared EXPORT kbindexTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
                NAMELINK_COMPONENT Development COMPONENT Runtime
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS kb_index EXPORT kbindexStaticTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The whole folder: every public header, the C API's included, and the
# generated version.h; not version.h.in, the template it is made from.
install(DIRECTORY include/kb ${CMAKE_CURRENT_BINARY_DIR}/include/kb
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development
        FILES_MATCHING PATTERN "*.h")

set(KB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kbindex)
# kb::index is the shared library; kb::index_static is in a file of its own,
# read only for the `static` component, since it needs the private
# dependencies' packages (kbindexConfig.cmake finds them).
install(EXPORT kbindexTargets NAMESPACE kb:: DESTINATION ${KB_CMAKE_DIR}
        COMPONENT Development)
set_target_properties(kb_index_shared PROPERTIES EXPORT_NAME index)
set_target_properties(kb_index PROPERTIES EXPORT_NAME index_static)
install(EXPORT kbindexStaticTargets NAMESPACE kb:: DESTINATION ${KB_CMAKE_DIR}
        COMPONENT Development)
configure_package_config_file(kbindexConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/kbindexConfig.cmake INSTALL_DESTINATION ${KB_CMAKE_DIR})
# 0.x: a minor version may break the API, so only the same minor matches.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/kbindexConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kbindexConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/kbindexConfigVersion.cmake
        DESTINATION ${KB_CMAKE_DIR} COMPONENT Development)

# pkg-config: the prefix is found from the .pc file's own place, so that the
# file is right wherever `cmake --install --prefix` or a package puts it.
file(RELATIVE_PATH KB_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" KB_PC_TO_PREFIX "${KB_PC_TO_PREFIX}")
# CMAKE_DL_LIBS, the library of dlopen() (empty where libc has it), as a flag.
list(TRANSFORM CMAKE_DL_LIBS PREPEND -l OUTPUT_VARIABLE KB_PC_DL_LIBS)
configure_file(kbindex.pc.in ${CMAKE_CURRENT_BINARY_DIR}/kbindex.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kbindex.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT Development)
