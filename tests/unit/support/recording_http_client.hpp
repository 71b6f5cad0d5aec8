#pragma once
// An HttpClient for tests: records every request and answers each with `status`.

#include <vector>

#include <snag/app/ports/http_client.hpp>

namespace snag::testing {

class RecordingHttpClient final : public HttpClient {
 public:
  explicit RecordingHttpClient(int answer_status = 200) : status(answer_status) {}

  Result<HttpClientResponse> send(const HttpClientRequest& request) override {
    requests.push_back(request);
    HttpClientResponse response;
    response.status = status;
    return response;
  }

  std::vector<HttpClientRequest> requests;
  int status;
};

}  // namespace snag::testing
