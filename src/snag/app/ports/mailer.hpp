#pragma once
// The Mailer port: sends one plain-text email, with files attached when it has any. The SMTP
// implementation is net/smtp_mailer.hpp; tests may use a real SMTP sink.

#include <string>
#include <vector>

#include <snag/util/error.hpp>

namespace snag {

struct MailAttachment {
  std::string filename;      // "aging-2026-11-30.csv"
  std::string content_type;  // "text/csv", "application/pdf"
  std::string content;       // the file's bytes
};

struct MailMessage {
  std::string from;
  std::string to;
  std::string subject;
  std::string body;                         // plain text
  std::vector<MailAttachment> attachments;  // none: a plain text/plain message
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // unavailable when the server cannot be reached or refuses the message: worth retrying.
  virtual Result<void> send(const MailMessage& message) = 0;
};

}  // namespace snag
