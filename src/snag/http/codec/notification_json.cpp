#include <snag/http/codec/notification_json.hpp>

#include <snag/http/codec/optional_json.hpp>

namespace snag::http {

nlohmann::json encode_notification(const Notification& notification) {
  return {{"id", notification.id.value},
          {"at", format_rfc3339(notification.created_at)},
          {"ticket", notification.ticket ? nlohmann::json(ticket_key(*notification.ticket)) : nlohmann::json(nullptr)},
          {"kind", notification.kind},
          {"rule", notification.rule},
          {"message", notification.message},
          {"read", notification.read_at.has_value()},
          {"read_at", optional_time(notification.read_at)}};
}

}  // namespace snag::http
