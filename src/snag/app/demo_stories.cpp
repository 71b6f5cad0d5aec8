#include <array>

#include <snag/app/demo_stories.hpp>

namespace snag::demo {

namespace {

template <std::size_t N>
std::string_view one_of(DemoRandom& random, const std::array<std::string_view, N>& items) {
  return items[random.below(N)];
}

std::string day_of(Timestamp t) { return format_rfc3339(t).substr(0, 10); }

Timestamp days_after(Timestamp t, std::int64_t days) { return t + std::chrono::days(days); }

// Builds text from pieces without a format library's parsing on the hot path.
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  out.reserve((std::string_view(parts).size() + ...));
  (out.append(std::string_view(parts)), ...);
  return out;
}

constexpr std::array<std::string_view, 10> k_documents{
    "I-9 Section 2 documents",  "signed offer letter", "W-4 form",   "right-to-work evidence", "degree certificate",
    "background check consent", "direct deposit form", "signed NDA", "passport copy",          "visa approval notice"};
constexpr std::array<std::string_view, 6> k_interview_stages{
    "phone screen", "technical interview", "onsite loop", "panel interview", "hiring manager interview", "final round"};
constexpr std::array<std::string_view, 6> k_schedule_problems{
    "two interviewers are double-booked",
    "the panel and the candidate are nine time zones apart and no slot overlaps",
    "the interview room booking was cancelled",
    "an interviewer declined at short notice",
    "the video link in the calendar invite is broken",
    "the candidate asked to move it because of a notice-period conflict"};
constexpr std::array<std::string_view, 4> k_check_vendors{"Checkr", "HireRight", "Sterling", "First Advantage"};
constexpr std::array<std::string_view, 5> k_checks{"criminal record check", "employment verification",
                                                   "education verification", "credit check",
                                                   "international background check"};
constexpr std::array<std::string_view, 5> k_resume_formats{"a PDF with scanned pages", "a DOCX built from tables",
                                                           "a two-column PDF", "an image-only PDF",
                                                           "a PDF exported from a design tool"};
constexpr std::array<std::string_view, 7> k_sync_fields{"start date",    "job title",  "compensation",   "department",
                                                        "work location", "legal name", "employment type"};
constexpr std::array<std::string_view, 6> k_systems{"the ATS",
                                                    "the HRIS",
                                                    "the interview scheduling tool",
                                                    "the assessment platform",
                                                    "the e-signature tool",
                                                    "the background check portal"};
constexpr std::array<std::string_view, 5> k_hold_reasons{
    "work authorisation needs review", "a sanctions screening match needs review",
    "a conflict of interest disclosure is pending", "an export control classification is required",
    "right-to-work re-verification is due"};
constexpr std::array<std::string_view, 5> k_other_problems{
    "Duplicate candidate profiles", "Referral bonus not recorded", "Relocation package question",
    "Wrong job posting linked to the application", "Candidate asked for their data to be corrected"};
constexpr std::array<std::string_view, 5> k_extra_labels{"agency", "campus", "rehire", "hiring-push", "urgent-start"};

constexpr std::array<std::string_view, 4> k_document_waits{
    "Chased the candidate by email; waiting for the upload.",
    "Candidate says the document is with their previous employer; waiting.",
    "Asked the recruiter to follow up by phone.", "Waiting for the notarised copy to arrive."};
constexpr std::array<std::string_view, 3> k_vendor_waits{
    "Escalated with the vendor; they promise an update in 48 hours.", "Vendor is waiting on a court records search.",
    "Waiting for the previous employer to confirm dates."};
constexpr std::array<std::string_view, 4> k_general_waits{
    "Waiting on the candidate to reply.", "Waiting on the hiring manager to confirm.",
    "Raised with the vendor; waiting for their answer.", "Blocked until the ATS sync runs tonight."};

std::string who(const DemoCandidate* candidate) { return candidate ? candidate_name(*candidate) : "a new hire"; }

std::string about(const DemoCandidate* candidate) {
  if (!candidate) return "The candidate";
  return cat(candidate_name(*candidate), " (", candidate_level(*candidate), ", ", candidate_geography(*candidate), ")");
}

// Labels a recruiter would add by hand, from what is known about the candidate.
void add_labels(DemoRandom& random, const DemoCandidate* candidate, std::vector<std::string>& labels) {
  if (candidate) {
    const auto visa = candidate_visa_status(*candidate);
    if ((visa == "needs_sponsorship" || visa == "h1b_transfer") && random.chance(0.5)) labels.emplace_back("visa");
    if (candidate_relocation(*candidate) == "international" && random.chance(0.4)) labels.emplace_back("relocation");
    if (candidate_level(*candidate) == "executive" && random.chance(0.6)) labels.emplace_back("exec-hire");
  }
  if (random.chance(0.1)) labels.emplace_back(one_of(random, k_extra_labels));
}

TicketStory document_missing(DemoRandom& random, const DemoCandidate* c, Timestamp at) {
  const auto document = one_of(random, k_documents);
  const auto start = day_of(days_after(at, 7 + static_cast<std::int64_t>(random.below(28))));
  const auto reminded = std::to_string(2 + random.below(6));
  TicketStory story;
  story.title = cat("Missing ", document, " for ", who(c));
  story.description =
      cat(about(c), " starts on ", start, " but we have not received the ", document, ". The ATS sent a reminder ",
          reminded, " days ago; onboarding cannot be completed without it.");
  story.fields = {{"document", document}};
  return story;
}

TicketStory interview_conflict(DemoRandom& random, const DemoCandidate* c, Timestamp at) {
  const auto stage = one_of(random, k_interview_stages);
  const auto day = day_of(days_after(at, 1 + static_cast<std::int64_t>(random.below(10))));
  TicketStory story;
  story.title = cat("Reschedule the ", stage, " for ", who(c));
  story.description =
      cat("The ", stage, " with ", who(c), " on ", day, " cannot go ahead: ", one_of(random, k_schedule_problems),
          ". Please find a new slot with the same panel this week.");
  story.fields = {{"interview_stage", stage}};
  return story;
}

TicketStory background_check(DemoRandom& random, const DemoCandidate* c, Timestamp at) {
  const auto vendor = one_of(random, k_check_vendors);
  const auto check = one_of(random, k_checks);
  TicketStory story;
  story.title = cat("Background check delayed for ", who(c), " (", vendor, ")");
  story.description = cat("The ", check, " for ", who(c), " has been pending with ", vendor, " for ",
                          std::to_string(5 + random.below(12)), " business days. The start date of ",
                          day_of(days_after(at, 10 + static_cast<std::int64_t>(random.below(20)))), " is at risk.");
  story.fields = {{"vendor", vendor}, {"check", check}};
  return story;
}

TicketStory offer_expired(DemoRandom& random, const DemoCandidate* c, Timestamp) {
  const std::string_view ats = c ? candidate_ats_display(*c) : std::string_view("the ATS");
  TicketStory story;
  story.title = cat("Offer link expired for ", who(c));
  story.description = cat(who(c), " could not sign the offer: the e-signature link sent through ", ats, " ",
                          std::to_string(3 + random.below(9)),
                          " days ago has expired. Send a fresh offer link and confirm the offer terms are unchanged.");
  return story;
}

TicketStory resume_parse(DemoRandom& random, const DemoCandidate* c, Timestamp) {
  const std::string_view ats = c ? candidate_ats_display(*c) : std::string_view("The ATS");
  TicketStory story;
  story.title = cat("Resume parse failed for ", who(c));
  story.description = cat(ats, " could not parse the resume of ", who(c), " (", one_of(random, k_resume_formats),
                          "). Work history and skills are empty, so the profile does not show up in searches.");
  return story;
}

TicketStory sync_mismatch(DemoRandom& random, const DemoCandidate* c, Timestamp) {
  const auto field = one_of(random, k_sync_fields);
  const std::string_view ats = c ? candidate_ats_display(*c) : std::string_view("the ATS");
  TicketStory story;
  story.title = cat("ATS/HRIS ", field, " mismatch for ", who(c));
  story.description = cat("After the last sync the ", field, " of ", who(c), " in ", ats,
                          " does not match the HRIS record. Payroll setup is waiting on the correct value.");
  if (random.chance(0.5)) story.labels.emplace_back("ats-sync");
  story.fields = {{"field", field}};
  return story;
}

TicketStory access(DemoRandom& random, const DemoCandidate* c, Timestamp) {
  TicketStory story;
  if (c) {
    story.title = cat(who(c), " cannot sign in to the candidate portal");
    story.description = cat(who(c),
                            " gets 'link invalid' when opening the candidate portal to upload documents. "
                            "The invitation may have gone to an old email address.");
  } else {
    const auto system = one_of(random, k_systems);
    story.title = cat("Cannot access ", system);
    story.description = cat("Since the single sign-on change a recruiter gets 'access denied' in ", system,
                            ". The permission set for their role needs restoring.");
  }
  return story;
}

TicketStory compliance_hold(DemoRandom& random, const DemoCandidate* c, Timestamp) {
  const auto reason = one_of(random, k_hold_reasons);
  TicketStory story;
  story.title = cat("Compliance hold on the hire of ", who(c));
  story.description = cat("The hire of ", who(c), " is on hold: ", reason, ".");
  if (c) story.description += cat(" Visa status on file: ", candidate_visa_status(*c), ".");
  story.description += " Do not extend or change the offer until Compliance clears it.";
  return story;
}

TicketStory other(DemoRandom& random, const DemoCandidate* c, Timestamp) {
  const auto problem = one_of(random, k_other_problems);
  TicketStory story;
  story.title = c ? cat(problem, " (", who(c), ")") : std::string(problem);
  story.description = cat(problem, ". Raised by the recruiting team; see the ATS profile for details.");
  return story;
}

TicketStory plain(const IssueType& type, const DemoCandidate* c) {
  TicketStory story;
  story.title = cat(type.name, ": ", who(c));
  story.description = cat(type.name, " reported for ", who(c), ".");
  return story;
}

}  // namespace

TypeHabits type_habits(std::string_view type_code) {
  if (type_code == "document_missing") return {26, 0.98, 0.55, false, {}, 0.0, 0.04};
  if (type_code == "interview_scheduling_conflict") return {22, 0.97, 0.3, false, {}, 0.0, 0.08};
  if (type_code == "background_check_delay") return {12, 1.0, 0.6, false, {}, 0.0, 0.12};
  if (type_code == "resume_parse_failure") return {11, 1.0, 0.1, true, {}, 0.0, 0.03};
  if (type_code == "offer_link_expired") return {9, 1.0, 0.35, true, {}, 0.0, 0.25};
  if (type_code == "data_sync_mismatch") return {8, 0.95, 0.25, true, {}, 0.0, 0.03};
  if (type_code == "access_problem") return {7, 0.35, 0.2, false, {}, 0.0, 0.02};
  if (type_code == "compliance_hold") return {2, 1.0, 0.5, false, "legal", 0.4, 0.1};
  if (type_code == "other") return {3, 0.6, 0.3, false, "legal", 0.2, 0.02};
  return {};
}

TicketStory tell_story(DemoRandom& random, const IssueType& type, const DemoCandidate* candidate, Timestamp opened_at) {
  TicketStory story;
  const std::string_view code = type.code;
  if (code == "document_missing") {
    story = document_missing(random, candidate, opened_at);
  } else if (code == "interview_scheduling_conflict") {
    story = interview_conflict(random, candidate, opened_at);
  } else if (code == "background_check_delay") {
    story = background_check(random, candidate, opened_at);
  } else if (code == "offer_link_expired") {
    story = offer_expired(random, candidate, opened_at);
  } else if (code == "resume_parse_failure") {
    story = resume_parse(random, candidate, opened_at);
  } else if (code == "data_sync_mismatch") {
    story = sync_mismatch(random, candidate, opened_at);
  } else if (code == "access_problem") {
    story = access(random, candidate, opened_at);
  } else if (code == "compliance_hold") {
    story = compliance_hold(random, candidate, opened_at);
  } else if (code == "other") {
    story = other(random, candidate, opened_at);
  } else {
    story = plain(type, candidate);
  }
  add_labels(random, candidate, story.labels);
  return story;
}

std::string_view pending_comment(DemoRandom& random, std::string_view type_code) {
  if (type_code == "document_missing") return one_of(random, k_document_waits);
  if (type_code == "background_check_delay") return one_of(random, k_vendor_waits);
  return one_of(random, k_general_waits);
}

}  // namespace snag::demo
