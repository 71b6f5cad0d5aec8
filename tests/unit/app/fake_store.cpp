#include "fake_store.hpp"

namespace snag::testing {

FakeWriteTransaction::~FakeWriteTransaction() = default;
FakeStore::~FakeStore() = default;

}  // namespace snag::testing
