#include "bot/channels/widget/channel.h"

#include <limits>
#include <string>
#include <vector>

#include "adapters/widget/client_address.h"
#include "adapters/widget/cors.h"
#include "bot/channels/widget/routes.h"
#include "bot/channels/widget/static_routes.h"

namespace triagebot::bot {
namespace {

constexpr std::string_view kWidgetChannelName = "widget";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// N per minute as a bucket of N refilled evenly; 0 means no limit.
http::RateLimitOptions per_minute(unsigned count, http::RateLimitOptions base) {
  if (count == 0) {
    base.burst = std::numeric_limits<std::size_t>::max() / 2;
    return base;
  }
  base.burst = count;
  base.refill_every = std::chrono::milliseconds(60000 / count);
  return base;
}

WidgetRoutesOptions routes_options(const Config& config) {
  WidgetRoutesOptions widget;
  if (auto cors = adapters::widget::parse_cors_policy(join(config.widget_origins))) {
    widget.cors = *cors;
  }
  if (auto proxies = adapters::widget::parse_trusted_proxies(join(config.trusted_proxies))) {
    widget.trusted_proxies = *proxies;
  }
  widget.per_session = per_minute(config.widget_rate_per_session, widget.per_session);
  widget.per_address = per_minute(config.widget_rate_per_address, widget.per_address);
  return widget;
}

class WidgetChannel : public Channel {
 public:
  explicit WidgetChannel(const Config& config) : options_(routes_options(config)) {}

  std::string_view name() const override { return kWidgetChannelName; }
  std::string mode() const override { return "on"; }

  void add_routes(http::Router& router, ChannelServices& services) override {
    add_static_routes(router);
    add_widget_routes(router, services.pipeline, services.store.readers(), options_,
                      services.run_blocking);
  }

 private:
  WidgetRoutesOptions options_;
};

}  // namespace

ChannelKind widget_channel_kind() {
  ChannelKind kind;
  kind.name = kWidgetChannelName;
  kind.from_credentials = [](const Config& config,
                             const ServeRequest&) -> Result<std::unique_ptr<Channel>> {
    return std::unique_ptr<Channel>(std::make_unique<WidgetChannel>(config));
  };
  return kind;
}

}  // namespace triagebot::bot
