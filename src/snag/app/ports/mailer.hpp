#pragma once
// The Mailer port: sends one plain-text email. The SMTP implementation is net/smtp_mailer.hpp;
// tests may use a real SMTP sink.

#include <string>

#include <snag/util/error.hpp>

namespace snag {

struct MailMessage {
  std::string from;
  std::string to;
  std::string subject;
  std::string body;  // plain text
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // unavailable when the server cannot be reached or refuses the message: worth retrying.
  virtual Result<void> send(const MailMessage& message) = 0;
};

}  // namespace snag
