// storage_bench: items/s through the storage writer (group commit) against raw SQLite
// with one transaction per row, on the same disk in the same run (bench/storage/run.sh).
//
// One case per invocation, so each reports its own peak RSS:
//   storage_bench DIR raw      normal|full SECONDS
//   storage_bench DIR pipeline normal|full SECONDS IN_FLIGHT
//   storage_bench DIR row      normal|full SECONDS IN_FLIGHT
// raw:      a prepared INSERT of a Telegram-update-shaped row, one transaction each
//           (what ../shared/bench-peers/ceiling/sqlite_rate.cpp calls "x1").
// pipeline: the work item the bot submits per inbound message: dedup the event id,
//           load-or-create the conversation (1,000 conversations, so the session cache
//           is used), append the user turn and one bot reply, save session + summary,
//           enqueue one outbox row.
// row:      an item that appends one ~400-byte message row (direction bot, so the user
//           text index is not involved): the closest like-for-like to raw.
// IN_FLIGHT items are kept submitted at once (1 = each waits for the previous).
// Prints one tab-separated line: case sync in_flight items seconds items_per_s commits
// avg_batch p50_us p99_us peak_rss_kib cpu_us_per_item (user + system CPU of the whole
// process per item: steadier than items/s on a shared machine) wal_kib_per_item
// writer_cpu_us_per_item (the writer thread's own CPU per item, read from its thread
// CPU clock: what issue 13 takes work off; 0 for raw) max_search_lag_ms (the age of the
// oldest message the text search did not cover yet, sampled every 10 ms: how far the
// search indexer's thread trails the writer; 0 for raw).
#include <SQLiteCpp/SQLiteCpp.h>
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/search_file.h"
#include "storage/store.h"

namespace {

using namespace triagebot;
using SteadyClock = std::chrono::steady_clock;

const std::string kText = "my left leg has been numb for 3 weeks, worse when I cough";
const std::string kBody =
    R"({"update_id":100000001,"message":{"message_id":42,"from":{"id":5000001,)"
    R"("is_bot":false,"first_name":"Alex","last_name":"Doe","username":"alexdoe",)"
    R"("language_code":"en"},"chat":{"id":5000001,"first_name":"Alex","last_name":)"
    R"("Doe","username":"alexdoe","type":"private"},"date":1732540000,"text":)"
    R"("my left leg has been numb for 3 weeks, worse when I cough"}})";

struct Outcome {
  std::uint64_t items = 0;
  double seconds = 0;
  std::uint64_t commits = 0;
  std::uint64_t wal_pages = 0;    // pages the writer's commits appended to the WAL (not raw)
  double writer_cpu_seconds = 0;  // CPU of the writer thread during the timed part (not raw)
  double max_search_lag_ms = 0;   // the search index's largest lag seen (not raw)
  std::vector<double> latencies_us;
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double thread_cpu_seconds(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

void remove_db(const std::filesystem::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  for (const auto& file : storage::search_files(path)) std::filesystem::remove(file);
}

Outcome run_raw(const std::filesystem::path& path, bool full, double seconds) {
  Outcome out;
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  db.exec(
      "CREATE TABLE updates (id INTEGER PRIMARY KEY, update_id INTEGER NOT NULL,"
      " chat_id INTEGER NOT NULL, text TEXT NOT NULL, body TEXT NOT NULL,"
      " received_at INTEGER NOT NULL)");
  SQLite::Statement insert(db,
                           "INSERT INTO updates(update_id, chat_id, text, body, received_at)"
                           " VALUES (?, ?, ?, ?, ?)");
  const auto start = SteadyClock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  std::int64_t n = 0;
  while (SteadyClock::now() < end) {
    const auto t0 = SteadyClock::now();
    SQLite::Transaction tx(db);
    ++n;
    insert.bind(1, n);
    insert.bind(2, static_cast<std::int64_t>(5000000 + n % 10000));
    insert.bindNoCopy(3, kText);
    insert.bindNoCopy(4, kBody);
    insert.bind(5, static_cast<std::int64_t>(1732540000000 + n));
    insert.exec();
    insert.reset();
    tx.commit();
    out.latencies_us.push_back(
        std::chrono::duration<double, std::micro>(SteadyClock::now() - t0).count());
  }
  out.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  out.items = static_cast<std::uint64_t>(n);
  out.commits = out.items;
  return out;
}

storage::WorkFunction pipeline_item(std::int64_t n) {
  return [n](storage::WriteTransaction& tx) -> Result<void> {
    const auto now = storage::Clock::now();
    auto fresh = tx.record_event("telegram", std::to_string(100000000 + n), now);
    if (!fresh) return fresh.error();
    if (!*fresh) return {};
    const std::string chat = std::to_string(5000000 + n % 1000);
    auto conversation = tx.load_or_create_conversation("telegram", chat, chat, now);
    if (!conversation) return conversation.error();
    storage::MessageRecord user{storage::Direction::user, kText, nullptr, std::nullopt, now,
                                std::to_string(n)};
    if (auto r = tx.append_message(conversation->id, user); !r) return r.error();
    const nlohmann::json choices = {{{"id", "yes"}, {"label", "Yes"}},
                                    {{"id", "no"}, {"label", "No"}}};
    storage::MessageRecord bot{storage::Direction::bot,
                               "Does coughing make it worse?",
                               choices,
                               std::nullopt,
                               now,
                               std::nullopt};
    if (auto r = tx.append_message(conversation->id, bot); !r) return r.error();
    auto session = *conversation->session;
    // A state that changes every turn (the typed state is written whole: its session
    // text is ~300 bytes longer than the {"turns":n} this bench wrote before).
    ++session.engine_state.questions;
    // As the pipeline does for a question turn: no new ranking, the stored one stays.
    storage::SummaryUpdate summary{storage::ConversationStatus::active, std::nullopt, {}, {}};
    summary.update_top_causes = false;
    if (auto r = tx.save_session(conversation->id, session, now, summary); !r) return r;
    auto row =
        tx.enqueue_outbox(conversation->id, "telegram", {{"chat_id", chat}},
                          {{"text", "Does coughing make it worse?"}, {"choices", choices}}, now);
    if (!row) return row.error();
    return {};
  };
}

storage::WorkFunction row_item(std::int64_t conversation_id, std::int64_t n) {
  return [conversation_id, n](storage::WriteTransaction& tx) -> Result<void> {
    storage::MessageRecord row{
        storage::Direction::bot, kBody, nullptr, std::nullopt, storage::Clock::now(),
        std::to_string(n)};
    auto r = tx.append_message(conversation_id, row);
    if (!r) return r.error();
    return {};
  };
}

Outcome run_writer(const std::filesystem::path& path, bool full, double seconds, int in_flight,
                   bool pipeline) {
  storage::StoreOptions options;
  options.path = path;
  options.synchronous = full ? storage::Synchronous::full : storage::Synchronous::normal;
  auto opened = storage::Store::open(options);
  if (!opened) throw std::runtime_error(opened.error().message);
  auto& store = **opened;
  std::int64_t conversation_id = 0;
  // Work items run on the writer thread: the first one hands out its CPU clock.
  clockid_t writer_clock{};
  auto created = store.writer().run([&](storage::WriteTransaction& tx) -> Result<void> {
    pthread_getcpuclockid(pthread_self(), &writer_clock);
    auto c = tx.load_or_create_conversation("telegram", "bench", "bench", storage::Clock::now());
    if (!c) return c.error();
    conversation_id = c->id;
    return {};
  });
  if (!created) throw std::runtime_error(created.error().message);
  const auto commits_before = store.writer().stats().commits;
  const auto wal_before = store.writer().stats().wal_pages_written;
  const double writer_cpu_before = thread_cpu_seconds(writer_clock);
  std::atomic<bool> sampling{true};
  double max_search_lag_ms = 0;
  std::thread sampler([&] {
    while (sampling.load()) {
      if (auto lag = store.readers().search_lag(storage::Clock::now())) {
        max_search_lag_ms = std::max(max_search_lag_ms, static_cast<double>(lag->age.count()));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });

  std::mutex mutex;
  std::condition_variable slot_free;
  int outstanding = 0;
  std::atomic<std::uint64_t> failures{0};
  Outcome out;
  out.latencies_us.reserve(1 << 20);
  const auto start = SteadyClock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  std::int64_t n = 0;
  while (SteadyClock::now() < end) {
    {
      std::unique_lock lock(mutex);
      slot_free.wait(lock, [&] { return outstanding < in_flight; });
      ++outstanding;
    }
    ++n;
    const auto t0 = SteadyClock::now();
    storage::WorkItem item{
        pipeline ? pipeline_item(n) : row_item(conversation_id, n), [&, t0](Result<void> r) {
          const double us =
              std::chrono::duration<double, std::micro>(SteadyClock::now() - t0).count();
          if (!r) ++failures;
          std::lock_guard lock(mutex);
          out.latencies_us.push_back(us);
          --outstanding;
          slot_free.notify_one();
        }};
    if (!store.writer().submit(std::move(item))) {
      ++failures;
      std::lock_guard lock(mutex);
      --outstanding;
    }
  }
  {
    std::unique_lock lock(mutex);
    slot_free.wait(lock, [&] { return outstanding == 0; });
  }
  out.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  out.writer_cpu_seconds = thread_cpu_seconds(writer_clock) - writer_cpu_before;
  sampling = false;
  sampler.join();
  out.max_search_lag_ms = max_search_lag_ms;
  out.commits = store.writer().stats().commits - commits_before;
  out.wal_pages = store.writer().stats().wal_pages_written - wal_before;
  out.items = static_cast<std::uint64_t>(n);
  if (failures > 0) throw std::runtime_error(std::to_string(failures) + " items failed");
  store.close();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s DIR raw|pipeline|row normal|full SECONDS [IN_FLIGHT]\n",
                 argv[0]);
    return 2;
  }
  try {
    const std::filesystem::path dir = argv[1];
    const std::string kind = argv[2];
    const bool full = std::string(argv[3]) == "full";
    const double seconds = std::stod(argv[4]);
    const int in_flight = argc > 5 ? std::max(1, std::stoi(argv[5])) : 1;
    std::filesystem::create_directories(dir);
    const auto path = dir / "storage_bench.db";
    remove_db(path);
    const double cpu_before = cpu_seconds();
    Outcome out = kind == "raw" ? run_raw(path, full, seconds)
                                : run_writer(path, full, seconds, in_flight, kind == "pipeline");
    const double cpu_us_per_item = (cpu_seconds() - cpu_before) * 1e6 /
                                   static_cast<double>(std::max<std::uint64_t>(out.items, 1));
    remove_db(path);
    const double items = static_cast<double>(std::max<std::uint64_t>(out.items, 1));
    // Then WAL KiB per item at SQLite's default 4 KiB page (0 for raw), the writer
    // thread's CPU µs per item and the search index's largest lag.
    std::printf(
        "%s\t%s\t%d\t%llu\t%.2f\t%.0f\t%llu\t%.1f\t%.0f\t%.0f\t%ld\t%.0f\t%.1f\t%.0f\t%.0f\n",
        kind.c_str(), full ? "FULL" : "NORMAL", kind == "raw" ? 1 : in_flight,
        static_cast<unsigned long long>(out.items), out.seconds,
        static_cast<double>(out.items) / out.seconds, static_cast<unsigned long long>(out.commits),
        out.commits ? static_cast<double>(out.items) / static_cast<double>(out.commits) : 0,
        percentile(out.latencies_us, 50), percentile(out.latencies_us, 99), peak_rss_kib(),
        cpu_us_per_item, static_cast<double>(out.wal_pages) * 4.0 / items,
        out.writer_cpu_seconds * 1e6 / items, out.max_search_lag_ms);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "storage_bench: %s\n", e.what());
    return 1;
  }
}
