// Telegram webhook: verify (the secret header) then parse (the Update), as the route
// does. Input: the secret header value, a newline, then the body. The configured
// secret is "s3cret-Token_1"; seeds carry it so the parser is reached.
#include <chrono>

#include "adapters/telegram/inbound.h"
#include "fuzz/fuzz_input.h"

namespace telegram = triagebot::adapters::telegram;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [secret, body] =
      triagebot::fuzz::split_first_line(triagebot::fuzz::as_text(data, size));
  triagebot::adapters::HttpRequest request;
  request.method = "POST";
  request.path = "/webhooks/telegram";
  request.headers.set(std::string(telegram::kSecretHeader), std::string(secret));
  request.body = std::string(body);
  if (!telegram::verify(request, "s3cret-Token_1")) return 0;
  const telegram::ParseOptions options{
      .bot_username = "leg_triage_demo_bot",
      .now = std::chrono::system_clock::time_point(
          std::chrono::seconds(triagebot::fuzz::kFixedNowSeconds))};
  auto parsed = telegram::parse(request, options);
  if (parsed) {
    // What the pipeline does next with an update: its key, and each event's texts.
    (void)telegram::update_event_id(parsed->update_id);
    for (const auto& event : parsed->events) (void)event.reply_address.dump();
  }
  // Long polling feeds the same parser the bare body.
  (void)telegram::parse_body(body, options);
  return 0;
}
