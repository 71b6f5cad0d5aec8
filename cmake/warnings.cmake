# snag_warnings: the warning set every snag target compiles with. -Wnull-dereference is left out:
# with optimisation g++ 12 reports it inside inlined Boost.Asio code that we cannot change.
add_library(snag_warnings INTERFACE)
target_compile_options(snag_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                               -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                               -Wimplicit-fallthrough)
if(SNAG_WERROR)
  target_compile_options(snag_warnings INTERFACE -Werror)
endif()
