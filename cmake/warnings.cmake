# snag_warnings: the warning set every snag target compiles with.
add_library(snag_warnings INTERFACE)
target_compile_options(snag_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                               -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                               -Wnull-dereference -Wimplicit-fallthrough)
if(SNAG_WERROR)
  target_compile_options(snag_warnings INTERFACE -Werror)
endif()
