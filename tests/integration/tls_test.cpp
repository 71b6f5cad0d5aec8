// `snag serve --tls-cert --tls-key` (issue 10): HTTPS with a self-signed certificate this test
// makes, checked by a client that trusts it and by one that does not; plain HTTP on the HTTPS
// port gets no answer.

#include <fstream>
#include <memory>
#include <stdexcept>

#include "snag_process.hpp"
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <snag/net/beast_http_client.hpp>

namespace snag::testing {
namespace tls_test {

template <auto Free>
struct Freeing {
  template <class Object>
  void operator()(Object* object) const {
    Free(object);
  }
};
template <class Object, auto Free>
using OpenSslPointer = std::unique_ptr<Object, Freeing<Free>>;

std::string pem_of(auto write) {
  OpenSslPointer<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) throw std::runtime_error("cannot write PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// A P-256 key and a certificate for localhost and 127.0.0.1 signed with it, valid for a day.
struct SelfSignedCertificate {
  std::string certificate_pem;
  std::string key_pem;

  SelfSignedCertificate() {
    OpenSslPointer<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    OpenSslPointer<X509, X509_free> certificate(X509_new());
    if (!key || !certificate) throw std::runtime_error("cannot make a key");
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 24 * 60 * 60);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                               0);
    X509_set_issuer_name(certificate.get(), name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
                                     std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
      OpenSslPointer<X509_EXTENSION, X509_EXTENSION_free> extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
      if (!extension || X509_add_ext(certificate.get(), extension.get(), -1) != 1) {
        throw std::runtime_error("cannot add a certificate extension");
      }
    }
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) throw std::runtime_error("cannot sign");
    certificate_pem = pem_of([&](BIO* bio) { return PEM_write_bio_X509(bio, certificate.get()); });
    key_pem = pem_of(
        [&](BIO* bio) { return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
  }
};

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

HttpClientRequest health_check(unsigned short port, const char* host = "localhost") {
  HttpClientRequest request;
  request.url = "https://" + std::string(host) + ":" + std::to_string(port) + "/healthz";
  request.timeout = std::chrono::seconds(10);
  return request;
}

TEST(Tls, ServeAnswersHttpsWithTheGivenCertificateAndNothingInPlainText) {
  const TempDir directory;
  const SelfSignedCertificate certificate;
  write_file(directory.path() / "cert.pem", certificate.certificate_pem);
  write_file(directory.path() / "key.pem", certificate.key_pem);
  SnagServer server(
      {"--tls-cert", (directory.path() / "cert.pem").string(), "--tls-key", (directory.path() / "key.pem").string()});

  BeastHttpClientOptions trusting;
  trusting.extra_ca_pem = certificate.certificate_pem;
  BeastHttpClient client(trusting);
  for (const char* host : {"localhost", "127.0.0.1"}) {
    const auto answered = client.send(health_check(server.port(), host));
    ASSERT_TRUE(answered) << host << ": " << answered.error().message;
    EXPECT_EQ(answered->status, 200) << answered->body;
    EXPECT_EQ(answered->header("X-Content-Type-Options"), "nosniff");
    // Browsers that saw this keep to HTTPS for the host (RFC 6797).
    EXPECT_EQ(answered->header("Strict-Transport-Security"), "max-age=31536000");
  }
  HttpClientRequest list = health_check(server.port());
  list.url = "https://localhost:" + std::to_string(server.port()) + "/api/v1/tickets";
  list.headers.emplace_back("Authorization", "Bearer " + server.admin_key());
  const auto tickets = client.send(list);
  ASSERT_TRUE(tickets) << tickets.error().message;
  EXPECT_EQ(tickets->status, 200) << tickets->body;
  EXPECT_EQ(tickets->header("Strict-Transport-Security"), "max-age=31536000");

  // A client that does not trust the certificate refuses the server.
  BeastHttpClient doubting;
  const auto refused = doubting.send(health_check(server.port()));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);

  // Plain HTTP is not answered on the HTTPS port: the handshake fails and the connection closes
  // with at most a TLS alert, which is no HTTP response.
  HttpRequest plain;
  plain.target = "/healthz";
  EXPECT_ANY_THROW(server.send(plain));
  EXPECT_EQ(client.send(health_check(server.port()))->status, 200) << "the server keeps serving";
}

TEST(Tls, ACertificateWithoutItsKeyOrThatCannotBeReadStopsServeWithAMessage) {
  const TempDir directory;
  const SelfSignedCertificate certificate;
  write_file(directory.path() / "cert.pem", certificate.certificate_pem);
  const auto alone =
      run_snag({"serve", "--listen", "127.0.0.1:0", "--tls-cert", (directory.path() / "cert.pem").string()});
  EXPECT_NE(alone.exit_code, 0);
  EXPECT_NE(alone.err.find("tls_cert and server.tls_key go together"), std::string::npos) << alone.err;

  write_file(directory.path() / "key.pem", "not a key");
  const auto unreadable = run_snag(
      {"serve", "--listen", "127.0.0.1:0", "--database", "sqlite:" + (directory.path() / "db").string(), "--tls-cert",
       (directory.path() / "cert.pem").string(), "--tls-key", (directory.path() / "key.pem").string()});
  EXPECT_NE(unreadable.exit_code, 0);
  EXPECT_NE(unreadable.err.find("cannot use the TLS key"), std::string::npos) << unreadable.err;
  EXPECT_EQ(unreadable.err.find("not a key"), std::string::npos) << "the key file's content is never shown";
}

}  // namespace tls_test
}  // namespace snag::testing
