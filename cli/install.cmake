# Install rules of the kbsearch program and the project's docs; included by
# cli/CMakeLists.txt. The man page and completions have rules of their own.
include(GNUInstallDirs)

# The program links libkbindex.so, as notmuch's links libnotmuch.so: the
# package then ships the engine once, and the CLI, the biggest user of the
# public API, proves at every build that the shared library exports all a
# program needs. Installed to /usr, it needs no RPATH; anywhere else it
# finds the library beside it, in ../lib.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  file(RELATIVE_PATH KB_BIN_TO_LIB /${CMAKE_INSTALL_BINDIR} /${CMAKE_INSTALL_LIBDIR})
  set_target_properties(kbsearch PROPERTIES INSTALL_RPATH "\$ORIGIN/${KB_BIN_TO_LIB}")
  file(RELATIVE_PATH KB_LIBEXEC_TO_LIB /${CMAKE_INSTALL_LIBEXECDIR}/kbsearch
       /${CMAKE_INSTALL_LIBDIR})
  set_target_properties(kbsearch-serve PROPERTIES INSTALL_RPATH "\$ORIGIN/${KB_LIBEXEC_TO_LIB}")
endif()
install(TARGETS kbsearch RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)
# What `kbsearch serve` runs (cli/serve_command.h), not a command of its own.
install(TARGETS kbsearch-serve RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kbsearch
        COMPONENT Runtime)

# share/doc/kbsearch/: the three READMEs keep their folder's name, so that
# none hides another; the guide, and the licence and changelog once the
# project has them.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${CMAKE_CURRENT_SOURCE_DIR}/GUIDE.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT Runtime)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME README.cli.md COMPONENT Runtime)
install(FILES ${PROJECT_SOURCE_DIR}/libindex/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME README.libindex.md COMPONENT Runtime)
foreach(optional LICENSE CHANGELOG.md)
  if(EXISTS ${PROJECT_SOURCE_DIR}/${optional})
    install(FILES ${PROJECT_SOURCE_DIR}/${optional} DESTINATION ${CMAKE_INSTALL_DOCDIR}
            COMPONENT Runtime)
  endif()
endforeach()
