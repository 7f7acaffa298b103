#include "storage/coalescing_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace triagebot::storage {
namespace {

constexpr const char* kName = "triagebot-coalesce";

std::atomic<std::uint64_t> g_writes_asked{0};
std::atomic<std::uint64_t> g_writes_made{0};

// SQLite allocates szOsFile bytes for each open file: this header, then the default
// VFS's own file right after it.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  bool wal;
  char* data;  // malloc'd, kCoalescingBufferLimit bytes, for a WAL file only
  std::size_t size;
  sqlite3_int64 start;  // the file offset of data[0]
};

sqlite3_vfs* root() { return static_cast<sqlite3_vfs*>(sqlite3_vfs_find(nullptr)); }
File* as_file(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

int write_real(File* f, const void* bytes, int amount, sqlite3_int64 offset) {
  g_writes_made.fetch_add(1, std::memory_order_relaxed);
  return f->real->pMethods->xWrite(f->real, bytes, amount, offset);
}

// Hands what is gathered to the file. On failure the bytes are dropped: the commit they
// belong to fails at its sync (the caller returns this error), and SQLite never
// publishes frames of a failed commit.
int flush(File* f) {
  if (f->size == 0) return SQLITE_OK;
  const int rc = write_real(f, f->data, static_cast<int>(f->size), f->start);
  f->size = 0;
  return rc;
}

int x_close(sqlite3_file* file) {
  File* f = as_file(file);
  const int flushed = flush(f);
  std::free(f->data);
  f->data = nullptr;
  const int closed = f->real->pMethods->xClose(f->real);
  return flushed != SQLITE_OK ? flushed : closed;
}

int x_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  File* f = as_file(file);
  // The writer reads its own log back only when its page cache spilled mid-transaction:
  // rare, so the buffer is simply written out first.
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xRead(f->real, out, amount, offset);
}

int x_write(sqlite3_file* file, const void* bytes, int amount, sqlite3_int64 offset) {
  File* f = as_file(file);
  if (!f->wal) return f->real->pMethods->xWrite(f->real, bytes, amount, offset);
  g_writes_asked.fetch_add(1, std::memory_order_relaxed);
  const auto length = static_cast<std::size_t>(amount);
  const bool follows = f->size > 0 && offset == f->start + static_cast<sqlite3_int64>(f->size);
  if (follows && f->size + length <= kCoalescingBufferLimit) {
    std::memcpy(f->data + f->size, bytes, length);
    f->size += length;
    return SQLITE_OK;
  }
  // Elsewhere in the file (SQLite rewrites a frame it already wrote in this transaction,
  // or starts the log over), or too big to gather: what is gathered goes first, in order.
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  if (length > kCoalescingBufferLimit) return write_real(f, bytes, amount, offset);
  std::memcpy(f->data, bytes, length);
  f->size = length;
  f->start = offset;
  return SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
  File* f = as_file(file);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xTruncate(f->real, size);
}

int x_sync(sqlite3_file* file, int flags) {
  File* f = as_file(file);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xSync(f->real, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
  File* f = as_file(file);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFileSize(f->real, size);
}

int x_lock(sqlite3_file* file, int level) {
  return as_file(file)->real->pMethods->xLock(as_file(file)->real, level);
}
int x_unlock(sqlite3_file* file, int level) {
  return as_file(file)->real->pMethods->xUnlock(as_file(file)->real, level);
}
int x_check_reserved_lock(sqlite3_file* file, int* out) {
  return as_file(file)->real->pMethods->xCheckReservedLock(as_file(file)->real, out);
}

int x_file_control(sqlite3_file* file, int op, void* arg) {
  File* f = as_file(file);
  const int rc = f->real->pMethods->xFileControl(f->real, op, arg);
  if (op == SQLITE_FCNTL_VFSNAME && rc == SQLITE_OK) {
    // "triagebot-coalesce/unix", as a shim names itself above the VFS it wraps.
    char** name = static_cast<char**>(arg);
    char* ours = sqlite3_mprintf("%s/%z", kName, *name);
    *name = ours;
  }
  return rc;
}

int x_sector_size(sqlite3_file* file) {
  return as_file(file)->real->pMethods->xSectorSize(as_file(file)->real);
}
int x_device_characteristics(sqlite3_file* file) {
  return as_file(file)->real->pMethods->xDeviceCharacteristics(as_file(file)->real);
}
int x_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return as_file(file)->real->pMethods->xShmMap(as_file(file)->real, region, size, extend, out);
}
int x_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  return as_file(file)->real->pMethods->xShmLock(as_file(file)->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* file) {
  as_file(file)->real->pMethods->xShmBarrier(as_file(file)->real);
}
int x_shm_unmap(sqlite3_file* file, int delete_flag) {
  return as_file(file)->real->pMethods->xShmUnmap(as_file(file)->real, delete_flag);
}
int x_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  File* f = as_file(file);
  if (int rc = flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFetch(f->real, offset, amount, out);
}
int x_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return as_file(file)->real->pMethods->xUnfetch(as_file(file)->real, offset, page);
}

const sqlite3_io_methods kMethods = {
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

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  sqlite3_vfs* below = static_cast<sqlite3_vfs*>(vfs->pAppData);
  File* f = as_file(file);
  f->base.pMethods = nullptr;  // SQLite closes only a file whose methods are set
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->wal = (flags & SQLITE_OPEN_WAL) != 0;
  f->data = nullptr;
  f->size = 0;
  f->start = 0;
  if (f->wal) {
    f->data = static_cast<char*>(std::malloc(kCoalescingBufferLimit));
    if (!f->data) return SQLITE_NOMEM;
  }
  const int rc = below->xOpen(below, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK || !f->real->pMethods) {
    std::free(f->data);
    f->data = nullptr;
    return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
  }
  if (f->real->pMethods->iVersion < 3) {
    // The methods above forward the shared-memory and fetch calls of version 3.
    f->real->pMethods->xClose(f->real);
    std::free(f->data);
    f->data = nullptr;
    return SQLITE_CANTOPEN;
  }
  f->base.pMethods = &kMethods;
  return SQLITE_OK;
}

// The rest forwards to the VFS underneath, which keeps its own state in its pAppData.
sqlite3_vfs* under(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return under(vfs)->xDelete(under(vfs), name, sync_dir);
}
int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return under(vfs)->xAccess(under(vfs), name, flags, out);
}
int x_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return under(vfs)->xFullPathname(under(vfs), name, size, out);
}
void* x_dl_open(sqlite3_vfs* vfs, const char* name) {
  return under(vfs)->xDlOpen(under(vfs), name);
}
void x_dl_error(sqlite3_vfs* vfs, int size, char* out) {
  under(vfs)->xDlError(under(vfs), size, out);
}
void (*x_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return under(vfs)->xDlSym(under(vfs), handle, symbol);
}
void x_dl_close(sqlite3_vfs* vfs, void* handle) { under(vfs)->xDlClose(under(vfs), handle); }
int x_randomness(sqlite3_vfs* vfs, int size, char* out) {
  return under(vfs)->xRandomness(under(vfs), size, out);
}
int x_sleep(sqlite3_vfs* vfs, int micros) { return under(vfs)->xSleep(under(vfs), micros); }
int x_current_time(sqlite3_vfs* vfs, double* out) {
  return under(vfs)->xCurrentTime(under(vfs), out);
}
int x_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
  return under(vfs)->xGetLastError(under(vfs), size, out);
}
int x_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return under(vfs)->xCurrentTimeInt64(under(vfs), out);
}

sqlite3_vfs* make_vfs() {
  sqlite3_vfs* below = root();
  if (!below) throw std::runtime_error("SQLite has no default VFS");
  if (below->iVersion < 2) throw std::runtime_error("SQLite's default VFS is too old to wrap");
  static sqlite3_vfs vfs{};
  vfs.iVersion = 2;  // the system-call overrides of version 3 are not forwarded
  vfs.szOsFile = static_cast<int>(sizeof(File)) + below->szOsFile;
  vfs.mxPathname = below->mxPathname;
  vfs.zName = kName;
  vfs.pAppData = below;
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
  if (int rc = sqlite3_vfs_register(&vfs, /*makeDflt=*/0); rc != SQLITE_OK) {
    throw std::runtime_error(std::string("cannot register the coalescing VFS: ") +
                             sqlite3_errstr(rc));
  }
  return &vfs;
}

}  // namespace

const char* coalescing_vfs_name() {
  static const sqlite3_vfs* registered = make_vfs();
  return registered->zName;
}

CoalescingCounts coalescing_counts() {
  return {g_writes_asked.load(std::memory_order_relaxed),
          g_writes_made.load(std::memory_order_relaxed)};
}

}  // namespace triagebot::storage
