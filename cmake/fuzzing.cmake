# SNAG_FUZZ: every library instrumented for libFuzzer's coverage and checked by AddressSanitizer
# and UndefinedBehaviorSanitizer; the targets in fuzz/ add libFuzzer's main. clang only (Debian's
# clang 14 ships libFuzzer in libclang-rt-14-dev); the `fuzz` preset selects it.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "SNAG_FUZZ needs clang: configure with `cmake --preset fuzz`")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
# Boost.Asio 1.81 looks for coroutines through __cpp_coroutines, which clang 14 no longer defines
# in C++20 mode; its <coroutine> support with libstdc++ 12 is what g++ uses too.
add_compile_definitions(BOOST_ASIO_HAS_CO_AWAIT=1 BOOST_ASIO_HAS_STD_COROUTINE=1)

# clang 14 cannot compile coroutines with UBSan ("Cannot represent a difference across sections").
# The three files with coroutines are the network loops, which no target feeds (the HTTP target
# starts behind them, at http/beast_request.cpp): they keep ASan and go without UBSan, and without
# the precompiled header, which was built with it. Called from fuzz/CMakeLists.txt, once the
# targets these sources belong to exist.
function(snag_fuzz_exempt_coroutines)
  foreach(source cli/mock_ats/tiny_server.cpp http/server.cpp net/beast_http_client.cpp)
    cmake_path(GET source PARENT_PATH folder)
    string(REGEX REPLACE "/.*" "" folder "${folder}")
    set_property(SOURCE ${PROJECT_SOURCE_DIR}/src/snag/${source} DIRECTORY ${PROJECT_SOURCE_DIR}/src/snag/${folder}
                 APPEND PROPERTY COMPILE_OPTIONS -fno-sanitize=undefined)
    set_property(SOURCE ${PROJECT_SOURCE_DIR}/src/snag/${source} DIRECTORY ${PROJECT_SOURCE_DIR}/src/snag/${folder}
                 PROPERTY SKIP_PRECOMPILE_HEADERS ON)
  endforeach()
endfunction()
