# `cpack -G DEB` in a build folder: the Debian package kbsearch, with every
# install() rule of the project (program, libraries, headers, CMake and
# pkg-config files, man page, completions, docs) under /usr.
set(KB_PACKAGE_MAINTAINER "kbsearch maintainers <maintainers@users.noreply.b-seed-dd29ae47.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(KB_HOMEPAGE_URL "" CACHE STRING "Homepage field of the Debian package (none when empty)")

set(CPACK_PACKAGE_NAME kbsearch)
set(CPACK_PACKAGE_VERSION ${KBSEARCH_VERSION})
set(CPACK_PACKAGE_VENDOR "kbsearch")
set(CPACK_PACKAGE_CONTACT "${KB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "search and link engine for Markdown knowledge bases (Chinese and English)")
set(CPACK_PACKAGE_DESCRIPTION
    "kbsearch indexes a folder of Markdown notes with Xapian and searches it
ranked, with Chinese words found as substrings, tags, front matter and
dates; it lists backlinks, broken links, orphans and related notes.
The package holds the kbsearch program, the libkbindex library (shared and
static) with its C++ and C headers, a CMake package and a pkg-config file.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KB_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
if(KB_HOMEPAGE_URL)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${KB_HOMEPAGE_URL}")
endif()
# Depends from the ELF files' libraries, by dpkg-shlibdeps (libxapian30,
# libicu72, ...); the package's own libkbindex.so.0 gets a shlibs file.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The libraries libkbindex opens when it needs them (libgit2, Graphviz;
# KB_OPENED_LIBRARIES, libindex/CMakeLists.txt) are no ELF file's NEEDED,
# so dpkg-shlibdeps cannot see them: the packages that hold their SONAMEs
# here, by `dpkg -S`, added to what it finds.
set(KB_OPENED_PACKAGES "")
foreach(library IN LISTS KB_OPENED_LIBRARIES)
  execute_process(COMMAND dpkg -S ${library} OUTPUT_VARIABLE owner RESULT_VARIABLE failed
                  ERROR_QUIET)
  # "libgit2-1.5:amd64: /usr/lib/x86_64-linux-gnu/libgit2.so.1.5"
  if(failed OR NOT owner MATCHES "^([^:,]+)(:[^:]+)?: ")
    message(WARNING "No Debian package holds ${library}: the package does not depend on it")
    continue()
  endif()
  list(APPEND KB_OPENED_PACKAGES ${CMAKE_MATCH_1})
endforeach()
list(REMOVE_DUPLICATES KB_OPENED_PACKAGES)
list(JOIN KB_OPENED_PACKAGES ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
# `kbsearch serve-index` runs Xapian's own server, xapian-tcpsrv: a
# program, not a library, so no scan finds it.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xapian-tools")
# The Python module is built for Debian 12's python3 (3.11), which an
# extension module does not link, so dpkg-shlibdeps cannot see it; the
# program and the library need no Python, hence Recommends.
if(KB_PYTHON_DEB_DEPENDS)
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "${KB_PYTHON_DEB_DEPENDS}")
endif()
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# xz for releases; the tests pass -D CPACK_DEBIAN_COMPRESSION_TYPE=zstd, as
# the sanitizer build's binaries are large and xz takes long on them (zstd:
# dpkg reads it since 1.21.18; Debian 12 has 1.21.22).
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_STRIP_FILES ON)
include(CPack)
