// jemalloc's settings for the server, compiled into the binary (jemalloc reads the
// global `malloc_conf` when it starts; a MALLOC_CONF in the environment is applied after
// it, so an operator can still override any of them). Linked only when the build links
// jemalloc (CMakeLists.txt, TRIAGEBOT_JEMALLOC).
//
// Issue 13 bounds the peak RSS with 50,000 active chats at 64 MiB, and jemalloc's
// defaults spend memory the server does not need (bench/reports/2026-12-05-memory.md):
// - narenas:2: jemalloc's default is four arenas per core, eight here, and each keeps
//   its own partly used pages. The server has two io threads and a few helpers that
//   allocate, and each thread keeps its own cache of small objects in front of the
//   arena, so two arenas do not contend. Measured: 2 MiB less at the peak.
// - dirty_decay_ms:1000: pages freed by a message's work go back to the system after
//   about a second instead of ten. Measured: 2 MiB less at the peak.
// - background_thread:true: that purging is done by jemalloc's own thread, not inside
//   the allocations of the io threads and the writer.
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's interface.
const char* malloc_conf = "narenas:2,dirty_decay_ms:1000,background_thread:true";
}
