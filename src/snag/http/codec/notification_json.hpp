#pragma once
// The JSON of an in-app notification, as GET /api/v1/notifications lists it and the event
// stream pushes it.

#include <nlohmann/json.hpp>

#include <snag/app/ports/automation_records.hpp>

namespace snag::http {

nlohmann::json encode_notification(const Notification& notification);

}  // namespace snag::http
