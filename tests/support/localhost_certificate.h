// A throwaway TLS identity for tests' local servers: a P-256 key and a self-signed
// certificate whose only name is DNS:localhost, made with OpenSSL's C API. Clients trust
// it through their `extra_ca_pem` option; connecting to 127.0.0.1 instead of localhost
// must then fail host-name verification.
#pragma once

#include <string>

namespace triagebot::testing {

struct KeyAndCertificate {
  std::string key_pem;
  std::string certificate_pem;
};

KeyAndCertificate make_localhost_certificate();

}  // namespace triagebot::testing
