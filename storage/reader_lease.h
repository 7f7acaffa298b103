// Readers::Lease: one pooled reader connection for the duration of a query, returned
// to the pool however the query ends. Shared by the files that implement Readers'
// queries (readers.cpp, stats.cpp); not part of the storage interface.
#pragma once

#include <memory>

#include "storage/connection.h"
#include "storage/readers.h"

namespace triagebot::storage {

class Readers::Lease {
 public:
  explicit Lease(Readers& pool) : pool_(pool), connection_(pool.acquire()) {}
  ~Lease() {
    connection_->reset_all();
    pool_.release(std::move(connection_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Connection& operator*() { return *connection_; }
  Connection* operator->() { return connection_.get(); }

 private:
  Readers& pool_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace triagebot::storage
