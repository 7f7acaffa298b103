// A SQLite VFS that writes a commit's log frames to the WAL file in a few big writes.
//
// SQLite appends a commit to the WAL one frame at a time, each frame as two writes (a
// 24-byte header, then the page), so a batch of ~25 messages is ~150 pwrite calls: 15%
// of the writer thread's CPU under the Slack bench, most of it the cost of a call, not
// of the bytes. This VFS sits over the default one and, for WAL files only, gathers
// writes that follow each other into one buffer and hands it to the file at the next
// sync, at a write elsewhere in the file, before any read, size, truncate or close, or
// when it is full (kCoalescingBufferLimit).
//
// Why this keeps every guarantee: with synchronous=FULL, SQLite syncs the log at each
// commit *before* it publishes the commit's frames to other connections (the wal-index
// header), so the buffer is in the file before any reader can look for it, and a commit
// is durable exactly when it was before. A crash before the sync loses only frames that
// no one was told about: the same as a crash between SQLite's own writes. With
// synchronous=NORMAL SQLite publishes frames without a sync, so only connections opened
// with FULL may use this VFS (Connection does so for the writer).
#pragma once

#include <cstddef>
#include <cstdint>

namespace triagebot::storage {

// The VFS's name, registered over the default VFS on the first call (thread-safe).
const char* coalescing_vfs_name();

// A buffer is written out when it would grow past this: 16 frames of 4 KiB pages, so a
// commit of ~25 messages (~100 frames) is ~7 writes instead of ~200. Not more: SQLite's
// unix VFS writes at most 128 KiB per call (it masks the length with 0x1ffff, since it
// never writes more than a 64 KiB page), so a bigger write would come back short.
inline constexpr std::size_t kCoalescingBufferLimit = 64 * 1024;

// Writes SQLite asked for and writes made to WAL files through this VFS, since start.
struct CoalescingCounts {
  std::uint64_t writes_asked = 0;
  std::uint64_t writes_made = 0;
};
CoalescingCounts coalescing_counts();

}  // namespace triagebot::storage
