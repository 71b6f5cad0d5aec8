#pragma once
// The Mailer port over SMTP, through libcurl (smtp:// or smtps://), one connection per message:
// notifications are few, and a fresh connection has no state to go stale.

#include <string>

#include <snag/app/ports/mailer.hpp>

namespace snag {

class SmtpMailer final : public Mailer {
 public:
  explicit SmtpMailer(std::string url);
  Result<void> send(const MailMessage& message) override;

 private:
  std::string m_url;
};

}  // namespace snag
