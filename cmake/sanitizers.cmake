# SNAG_SANITIZE: the whole build (libraries, snag, every test) checked at run time.
#   address: AddressSanitizer (and LeakSanitizer) with UndefinedBehaviorSanitizer; any report
#            fails the test that caused it.
#   thread:  ThreadSanitizer, for the suites whose point is concurrency (`make test-sanitize`
#            runs only those: TSan slows everything else for nothing).
# With g++, so that the code checked is the code `make build` compiles. The instrumentation
# misleads some of g++ 12's warnings (Asio's coroutine frames "freed by a mismatched operator
# delete", std::regex's std::function "maybe uninitialized"): the presets build without
# -Werror, and these two stay quiet. `make build` keeps every warning an error.
add_compile_options(-Wno-mismatched-new-delete -Wno-maybe-uninitialized)
if(SNAG_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
elseif(SNAG_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
else()
  message(FATAL_ERROR "SNAG_SANITIZE must be address or thread, not '${SNAG_SANITIZE}'")
endif()
