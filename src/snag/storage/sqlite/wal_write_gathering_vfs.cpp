#include <cstring>
#include <string>

#include <sqlite3.h>

#include <snag/storage/sqlite/wal_write_gathering_vfs.hpp>

namespace snag::sqlite {

namespace {

constexpr const char* k_vfs_name = "snag-gathered-wal";
// SQLite's unix VFS writes at most 128 KiB - 1 bytes per call (and reports a longer write as a
// full disk), so the frames go to the kernel in pieces of at most this size: about 30 frames of
// 4 KiB pages per call instead of 60 calls.
constexpr std::size_t k_max_gathered_bytes = std::size_t{124} << 10;
// The WAL's layout (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte file header,
// then frames of a 24-byte header and a page. A frame header's bytes 4-7 hold, for the frame
// that commits a transaction, the database's size in pages after it; 0 otherwise.
constexpr int k_wal_header_bytes = 32;
constexpr int k_frame_header_bytes = 24;

bool is_commit_frame_header(const void* bytes, int amount, sqlite3_int64 offset) {
  if (amount != k_frame_header_bytes || offset < k_wal_header_bytes) return false;
  const auto* header = static_cast<const unsigned char*>(bytes);
  return (header[4] | header[5] | header[6] | header[7]) != 0;
}

sqlite3_vfs* g_default_vfs = nullptr;

// SQLite allocates szOsFile bytes per open file: this header, then the default VFS's file.
struct GatheringFile {
  sqlite3_file base;
  sqlite3_file* inner;
  bool gathers;  // a WAL file
  std::string* gathered;
  sqlite3_int64 gathered_offset;
  bool commit_page_next;  // the last write was a commit frame's header
};

thread_local GatheringFile* t_file_with_gathered_writes = nullptr;

int hand_over(GatheringFile* file) {
  if (file->gathered == nullptr || file->gathered->empty()) return SQLITE_OK;
  if (t_file_with_gathered_writes == file) t_file_with_gathered_writes = nullptr;
  const int rc = file->inner->pMethods->xWrite(file->inner, file->gathered->data(),
                                               static_cast<int>(file->gathered->size()), file->gathered_offset);
  // After a failed write the frames are dropped, not retried later: SQLite fails the commit, and
  // frames written after that would be stale bytes past the last committed frame.
  file->gathered->clear();
  return rc;
}

GatheringFile* as_gathering(sqlite3_file* file) { return reinterpret_cast<GatheringFile*>(file); }

int x_close(sqlite3_file* file) {
  auto* self = as_gathering(file);
  int rc = hand_over(self);
  const int closed = self->inner->pMethods->xClose(self->inner);
  if (rc == SQLITE_OK) rc = closed;
  if (t_file_with_gathered_writes == self) t_file_with_gathered_writes = nullptr;
  delete self->gathered;
  self->gathered = nullptr;
  return rc;
}

int x_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  auto* self = as_gathering(file);
  if (const int rc = hand_over(self); rc != SQLITE_OK) return rc;
  return self->inner->pMethods->xRead(self->inner, buffer, amount, offset);
}

int x_write(sqlite3_file* file, const void* bytes, int amount, sqlite3_int64 offset) {
  auto* self = as_gathering(file);
  if (!self->gathers) return self->inner->pMethods->xWrite(self->inner, bytes, amount, offset);
  std::string& gathered = *self->gathered;
  const auto end = self->gathered_offset + static_cast<sqlite3_int64>(gathered.size());
  const auto size = static_cast<std::size_t>(amount);
  if (!gathered.empty() && offset >= self->gathered_offset && offset + amount <= end) {
    // A frame rewritten within the same transaction.
    std::memcpy(gathered.data() + (offset - self->gathered_offset), bytes, size);
    return SQLITE_OK;
  }
  if (!gathered.empty() && (offset != end || gathered.size() + size > k_max_gathered_bytes)) {
    if (const int rc = hand_over(self); rc != SQLITE_OK) return rc;
  }
  if (size > k_max_gathered_bytes) return self->inner->pMethods->xWrite(self->inner, bytes, amount, offset);
  if (t_file_with_gathered_writes != nullptr && t_file_with_gathered_writes != self) {
    if (const int rc = hand_over(t_file_with_gathered_writes); rc != SQLITE_OK) return rc;
  }
  if (gathered.empty()) self->gathered_offset = offset;
  gathered.append(static_cast<const char*>(bytes), size);
  t_file_with_gathered_writes = self;
  // The page after a commit frame's header ends the transaction's frames. They go to the kernel
  // now, so that a failed write fails the COMMIT before it is published: with
  // synchronous=NORMAL no sync comes first to hand them over (and report the failure).
  const bool ends_commit = self->commit_page_next;
  self->commit_page_next = is_commit_frame_header(bytes, amount, offset);
  return ends_commit ? hand_over(self) : SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* self = as_gathering(file);
  if (const int rc = hand_over(self); rc != SQLITE_OK) return rc;
  return self->inner->pMethods->xTruncate(self->inner, size);
}

int x_sync(sqlite3_file* file, int flags) {
  auto* self = as_gathering(file);
  if (const int rc = hand_over(self); rc != SQLITE_OK) return rc;
  return self->inner->pMethods->xSync(self->inner, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
  auto* self = as_gathering(file);
  if (const int rc = hand_over(self); rc != SQLITE_OK) return rc;
  return self->inner->pMethods->xFileSize(self->inner, size);
}

int x_lock(sqlite3_file* file, int level) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xLock(self->inner, level);
}

int x_unlock(sqlite3_file* file, int level) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xUnlock(self->inner, level);
}

int x_check_reserved_lock(sqlite3_file* file, int* reserved) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xCheckReservedLock(self->inner, reserved);
}

int x_file_control(sqlite3_file* file, int op, void* argument) {
  auto* self = as_gathering(file);
  if (const int rc = hand_over(self); rc != SQLITE_OK) return rc;
  return self->inner->pMethods->xFileControl(self->inner, op, argument);
}

int x_sector_size(sqlite3_file* file) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xSectorSize(self->inner);
}

int x_device_characteristics(sqlite3_file* file) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xDeviceCharacteristics(self->inner);
}

int x_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** memory) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xShmMap(self->inner, region, size, extend, memory);
}

int x_shm_lock(sqlite3_file* file, int offset, int count, int flags) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xShmLock(self->inner, offset, count, flags);
}

void x_shm_barrier(sqlite3_file* file) {
  // The wal-index header is written on both sides of this barrier when a commit is published:
  // the frames it points at must be in the file by then. A failed write here surfaces at the
  // commit's sync or the next read, as hand_over dropped the frames.
  if (t_file_with_gathered_writes != nullptr) (void)hand_over(t_file_with_gathered_writes);
  auto* self = as_gathering(file);
  self->inner->pMethods->xShmBarrier(self->inner);
}

int x_shm_unmap(sqlite3_file* file, int delete_flag) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xShmUnmap(self->inner, delete_flag);
}

int x_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xFetch(self->inner, offset, amount, page);
}

int x_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  auto* self = as_gathering(file);
  return self->inner->pMethods->xUnfetch(self->inner, offset, page);
}

const sqlite3_io_methods k_methods = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* self = as_gathering(file);
  self->inner = reinterpret_cast<sqlite3_file*>(self + 1);
  self->gathers = (flags & SQLITE_OPEN_WAL) != 0;
  self->gathered = nullptr;
  self->gathered_offset = 0;
  self->commit_page_next = false;
  self->base.pMethods = nullptr;
  const int rc = g_default_vfs->xOpen(g_default_vfs, name, self->inner, flags, out_flags);
  if (self->inner->pMethods == nullptr) return rc;
  // SQLite calls xClose whenever pMethods is set, also after a failed open.
  if (self->gathers) self->gathered = new std::string();
  self->base.pMethods = &k_methods;
  return rc;
}

// The remaining methods concern names and the process, not open files: the default VFS's own.
int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_default_vfs->xDelete(g_default_vfs, name, sync_dir);
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* result) {
  return g_default_vfs->xAccess(g_default_vfs, name, flags, result);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return g_default_vfs->xFullPathname(g_default_vfs, name, size, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return g_default_vfs->xDlOpen(g_default_vfs, name); }
void x_dl_error(sqlite3_vfs*, int size, char* message) { g_default_vfs->xDlError(g_default_vfs, size, message); }
void (*x_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_default_vfs->xDlSym(g_default_vfs, handle, symbol);
}
void x_dl_close(sqlite3_vfs*, void* handle) { g_default_vfs->xDlClose(g_default_vfs, handle); }
int x_randomness(sqlite3_vfs*, int size, char* out) { return g_default_vfs->xRandomness(g_default_vfs, size, out); }
int x_sleep(sqlite3_vfs*, int microseconds) { return g_default_vfs->xSleep(g_default_vfs, microseconds); }
int x_current_time(sqlite3_vfs*, double* now) { return g_default_vfs->xCurrentTime(g_default_vfs, now); }
int x_get_last_error(sqlite3_vfs*, int size, char* out) {
  return g_default_vfs->xGetLastError(g_default_vfs, size, out);
}
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* now) {
  return g_default_vfs->xCurrentTimeInt64(g_default_vfs, now);
}

}  // namespace

const char* wal_write_gathering_vfs() {
  static const bool registered = [] {
    g_default_vfs = sqlite3_vfs_find(nullptr);
    static sqlite3_vfs vfs{};
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(GatheringFile)) + g_default_vfs->szOsFile;
    vfs.mxPathname = g_default_vfs->mxPathname;
    vfs.zName = k_vfs_name;
    vfs.xOpen = x_open;
    vfs.xDelete = x_delete;
    vfs.xAccess = x_access;
    vfs.xFullPathname = x_full_pathname;
    vfs.xDlOpen = x_dl_open;
    vfs.xDlError = x_dl_error;
    vfs.xDlSym = x_dl_sym;
    vfs.xDlClose = x_dl_close;
    vfs.xRandomness = x_randomness;
    vfs.xSleep = x_sleep;
    vfs.xCurrentTime = x_current_time;
    vfs.xGetLastError = x_get_last_error;
    vfs.xCurrentTimeInt64 = x_current_time_int64;
    return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
  }();
  return registered ? k_vfs_name : nullptr;
}

}  // namespace snag::sqlite
