#pragma once
// A SQLite VFS that hands a commit's WAL frames to the kernel in a few large writes.
//
// SQLite writes each WAL frame with two pwrite calls (its 24-byte header, then the page), so a
// group commit of 25 ticket creates made about 500 system calls, and pwrite took 18% of the
// writer thread's time. This VFS wraps the default one and, for WAL files only, gathers
// contiguous writes in memory, up to 124 KiB (the unix VFS writes less than 128 KiB per call).
// It hands them to the kernel before anything could look at them: once the page of a commit
// frame is written (so that a failed write fails the COMMIT, before the commit is published to
// readers, also when synchronous=NORMAL makes no sync first), before a sync, a read, a size
// query, a truncation, a file control or the file's close, and at a shared-memory barrier on
// the same thread (the step that publishes a commit to readers). Durability is unchanged: a
// sync, SQLite's or the commit syncer's (sql/commit_syncer.hpp), follows every byte it covers.
// Measured on 20,000 tickets: creates +12%, webhook deliveries +13% (README "Benchmark").
//
// Thread-safety: SQLite calls a file's methods from the thread that uses its connection; the
// pending writes of that thread are found through a thread-local pointer.

namespace snag::sqlite {

// The name to pass to sqlite3_open_v2; registers the VFS on first call (thread-safe).
const char* wal_write_gathering_vfs();

}  // namespace snag::sqlite
