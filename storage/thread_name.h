// Names the calling thread, so `top -H`, `ps -L`, perf and gdb tell the server's threads
// apart ("tb-writer", "tb-io-0", ...). Linux keeps 15 bytes of a name; every name given
// here fits. Best effort: a name that cannot be set changes nothing else.
//
// Threads: call it first thing on the thread to be named.
#pragma once

#include <pthread.h>

#include <string>

namespace triagebot::storage {

inline void name_this_thread(const std::string& name) {
  pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
}

}  // namespace triagebot::storage
