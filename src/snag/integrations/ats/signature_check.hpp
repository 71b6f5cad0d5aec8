#pragma once
// What a webhook verifier answers: the delivery's event id when the signature holds, or why the
// delivery is refused. A refusal never carries the expected signature, only what was wrong.
//
// Every verifier takes all of a connector's secrets: during a rotation the old and the new secret
// are both configured, and a delivery signed with either is accepted.

#include <span>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include <snag/util/error.hpp>

namespace snag::ats {

enum class RefusalReason {
  missing_header,               // a header the vendor always sends is absent
  malformed_header,             // present but not in the vendor's format
  malformed_body,               // Lever signs inside the body: not JSON, or a signing field is absent
  signature_mismatch,           // well-formed, but no configured secret produces it
  timestamp_outside_tolerance,  // the signed time is too far before or after now
  no_usable_secret,             // the connector has no secret this vendor's scheme can use
  no_webhooks_for_vendor,       // the vendor (CSV) delivers files, not webhooks
};

std::string_view to_string(RefusalReason reason);

struct SignatureRefusal {
  RefusalReason reason = RefusalReason::signature_mismatch;
  std::string message;  // names the header or field and what was wrong with it
};

struct VerifiedDelivery {
  std::string event_id;  // the vendor's id for this delivery, which the inbox deduplicates on
};

using SignatureCheck = tl::expected<VerifiedDelivery, SignatureRefusal>;

inline tl::unexpected<SignatureRefusal> refuse(RefusalReason reason, std::string message) {
  return tl::unexpected<SignatureRefusal>(SignatureRefusal{reason, std::move(message)});
}

// unauthenticated for what the sender got wrong, internal for a connector without a usable
// secret (the operator's mistake), not_found for a vendor that has no webhooks.
Error to_error(const SignatureRefusal& refusal);

// For the vendors that send a hex HMAC-SHA256 (Greenhouse, Lever): true when `hex_signature`
// (either case) is the tag of `message` under one of the non-empty `keys`. Compared in constant
// time.
bool hex_hmac_matches_any(std::span<const std::string> keys, std::string_view message, std::string_view hex_signature);

// True when one of `keys` is not empty, i.e. hex_hmac_matches_any can accept anything at all.
bool has_usable_key(std::span<const std::string> keys);

// 64 hexadecimal digits, as a hex SHA-256 tag is.
bool is_sha256_hex(std::string_view text);

}  // namespace snag::ats
