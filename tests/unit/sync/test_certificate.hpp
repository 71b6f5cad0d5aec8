#pragma once
// A self-signed certificate for 127.0.0.1 and localhost (valid for a century) and its key, made for
// the TLS tests alone with `openssl req -x509 -newkey ec`: no secret, trusted by nothing else.

namespace snag::testing {

inline constexpr const char* k_test_certificate_pem = R"(-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUPsgqEE3I0OD53u3dryKkrDk//TMwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJc25hZy10ZXN0MCAXDTI2MTEyODIzNDM0OVoYDzIxMjYxMTA0
MjM0MzQ5WjAUMRIwEAYDVQQDDAlzbmFnLXRlc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATthwbay/tthhRsMhZrXvfVtCpHDFbYlIsBnLYP3QAU2DSQvzTX7Xae
gx3OqSkeFPJZeP1QyZyTGC5KI4HlrSKgo28wbTAdBgNVHQ4EFgQUYChFozEDjqtF
XK7SLFR1jUB2nKMwHwYDVR0jBBgwFoAUYChFozEDjqtFXK7SLFR1jUB2nKMwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSQAwRgIhAPwFkS0ZdTmS44eF/427Pt84V2U1zpCVJadB4lWr1UfTAiEA
rJn8SGFRoCIhNtiPwu+cLZaFDksP+8v+kxFS8er0yXc=
-----END CERTIFICATE-----
)";

inline constexpr const char* k_test_private_key_pem = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbzi1haH1F+lCljR8
7W+kYOiLQBVfpF7ekuASG9Kxz56hRANCAATthwbay/tthhRsMhZrXvfVtCpHDFbY
lIsBnLYP3QAU2DSQvzTX7Xaegx3OqSkeFPJZeP1QyZyTGC5KI4HlrSKg
-----END PRIVATE KEY-----
)";

}  // namespace snag::testing
