// TEMPORARY (branch slack-http only): the Socket Mode loop is written on branch
// slack-socket; this placeholder keeps `triagebot` linking until that lands, and refuses
// Socket Mode at start with a clear message rather than pretend to run it. Take the
// slack-socket version of this file when merging.
#include "bot/channels/slack/socket_mode_loop.h"

namespace triagebot::bot::slack {

Result<std::unique_ptr<BackgroundLoop>> make_socket_mode_loop(SocketModeOptions options,
                                                              EnvelopeHandler handler) {
  (void)options;
  (void)handler;
  return make_error(ErrorCode::bad_config,
                    "TRIAGEBOT_SLACK_APP_TOKEN: Socket Mode is not in this build yet; use the "
                    "Events API (TRIAGEBOT_SLACK_SIGNING_SECRET)");
}

}  // namespace triagebot::bot::slack
