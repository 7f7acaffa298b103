# triagebot image: build with the same setup script and build command as the README,
# run with the runtime libraries only.
#
#   docker build -t triagebot .
#   docker run -p 8080:8080 -v triagebot-data:/data --stop-timeout 30 \
#     -e TRIAGEBOT_ADMIN_TOKEN=... triagebot

# --- build stage -------------------------------------------------------------------
FROM debian:bookworm AS build
WORKDIR /src
# The setup script first, alone, so its layer (the apt packages) is cached across
# source changes.
COPY scripts/setup.sh scripts/setup.sh
RUN scripts/setup.sh
COPY . .
# The image needs the server alone: no test suites are configured or compiled.
RUN scripts/build.sh release --no-tests triagebot \
 && strip -o /triagebot build/release/triagebot

# --- runtime stage -----------------------------------------------------------------
FROM debian:bookworm-slim
# SQLiteCpp is linked statically (Debian ships only libSQLiteCpp.a) and Boost.System is
# header-only since 1.69, so SQLite and OpenSSL are the shared libraries left;
# ca-certificates for HTTPS to the Telegram and Slack APIs; hunspell with its English
# dictionaries and CLD2 for reading messages (nlp/); jemalloc, the server's allocator.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libsqlite3-0 libssl3 ca-certificates \
      libhunspell-1.7-0 hunspell-en-us hunspell-en-gb libcld2-0 libjemalloc2 libsimdjson14 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home triagebot \
 && install -d -m 0700 -o triagebot -g triagebot /data
COPY --from=build /triagebot /usr/local/bin/triagebot

# Conversations are health data: /data is the triagebot user's alone (0700; a new named
# volume copies this mode and owner), and the server creates the database and its -wal
# and -shm files 0600 in it (docs/configuration.md "The database files").
ENV TRIAGEBOT_DB=/data/triagebot.db \
    TRIAGEBOT_LISTEN=0.0.0.0:8080
VOLUME /data
WORKDIR /data
USER triagebot
EXPOSE 8080
# `triagebot healthcheck` asks GET /healthz on TRIAGEBOT_LISTEN (0.0.0.0 -> 127.0.0.1),
# so the slim image needs no curl. Exit 0 = healthy.
HEALTHCHECK --interval=30s --timeout=6s --start-period=10s --retries=3 \
  CMD ["triagebot", "healthcheck"]
# SIGTERM (docker stop) drains in-flight requests, waits for a reply being sent (up to
# TRIAGEBOT_SHUTDOWN_TIMEOUT + 15 s in all: run with --stop-timeout 30) and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["triagebot"]
CMD ["serve"]
