#include <pthread.h>

#include <snag/util/thread_name.hpp>

namespace snag {

// Failure (a name too long) only costs a nameless thread.
void name_this_thread(const char* name) { (void)pthread_setname_np(pthread_self(), name); }

}  // namespace snag
