#include <snag/net/smtp_mailer.hpp>

#include <algorithm>
#include <cstring>
#include <memory>

#include <curl/curl.h>

#include <snag/util/crypto.hpp>

namespace snag {
namespace {

// A header value on one line: a CR or LF inside would start another header.
std::string one_line(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return text;
}

// Text with CRLF line ends, as SMTP carries it.
std::string crlf_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (const char c : text) {
    if (c == '\n') {
      out += "\r\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// Base64 in lines of 76 characters (RFC 2045 section 6.8).
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64_encode(bytes);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += 76) out += encoded.substr(at, 76) + "\r\n";
  return out;
}

// A filename as a quoted header parameter: no quotes, backslashes or line breaks inside.
std::string quoted_filename(std::string name) {
  std::replace_if(
      name.begin(), name.end(), [](char c) { return c == '"' || c == '\\' || c == '\r' || c == '\n'; }, '_');
  return "\"" + name + "\"";
}

// A boundary no base64 line can hold (its alphabet has no "-") and, checked, the text does not.
std::string boundary_for(const std::string& body) {
  std::string boundary = "snag-part-" + random_token(12);
  while (body.find(boundary) != std::string::npos) boundary = "snag-part-" + random_token(12);
  return boundary;
}

// RFC 5322 with CRLF line ends (the submission server adds Date and Message-ID); a body line of
// a lone "." is doubled by libcurl itself. Without attachments it is one text/plain part, as it
// always was; with them, multipart/mixed (RFC 2046): the text, then each file in base64.
std::string compose(const MailMessage& message) {
  const std::string head = "From: " + one_line(message.from) + "\r\nTo: " + one_line(message.to) +
                           "\r\nSubject: " + one_line(message.subject) + "\r\nMIME-Version: 1.0\r\n";
  const std::string body = crlf_lines(message.body);
  if (message.attachments.empty()) {
    return head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
  }
  const std::string boundary = boundary_for(body);
  std::string mail = head + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  mail += "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
  for (const MailAttachment& attachment : message.attachments) {
    mail += "--" + boundary + "\r\nContent-Type: " + one_line(attachment.content_type) +
            "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=" +
            quoted_filename(attachment.filename) + "\r\n\r\n" + base64_lines(attachment.content);
  }
  return mail + "--" + boundary + "--\r\n";
}

struct Upload {
  const std::string& data;
  std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t chunk = std::min(size * count, upload->data.size() - upload->sent);
  std::memcpy(buffer, upload->data.data() + upload->sent, chunk);
  upload->sent += chunk;
  return chunk;
}

}  // namespace

SmtpMailer::SmtpMailer(std::string url) : m_url(std::move(url)) {}

Result<void> SmtpMailer::send(const MailMessage& message) {
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return fail(ErrorCode::internal, "libcurl could not start a transfer");
  const std::string data = compose(message);
  Upload upload{data};
  const std::string from = "<" + message.from + ">";
  const std::string to = "<" + message.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> owned(recipients, &curl_slist_free_all);
  curl_easy_setopt(curl.get(), CURLOPT_URL, m_url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 30000L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  const CURLcode result = curl_easy_perform(curl.get());
  if (result != CURLE_OK) {
    return fail(ErrorCode::unavailable, std::string("SMTP delivery failed: ") + curl_easy_strerror(result));
  }
  return {};
}

}  // namespace snag
