#pragma once
// Names the calling thread, so that top -H, perf and gdb tell Snag's threads apart (the group
// commit writer, the I/O threads, the webhook processor…). Linux keeps 15 characters.

namespace snag {

void name_this_thread(const char* name);

}  // namespace snag
