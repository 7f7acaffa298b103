// triagebot: the command-line entry point. Everything lives in triagebot_bot.
#include <cstdio>

int main() {
  std::puts("triagebot " TRIAGEBOT_VERSION);
  return 0;
}
