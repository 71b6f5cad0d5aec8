#include <snag/storage/sqlite/text_index.hpp>

namespace snag::sqlite {

Result<void> sync_text_index(Connection& connection, const sql::TextChanges& changes) {
  for (const auto& [id, maybe_indexed] : changes) {
    std::optional<std::pair<std::string, std::string>> current;
    {
      auto row = connection.prepare("SELECT title, description FROM tickets WHERE id = ?");
      row.bind(1, id);
      auto found = row.step();
      if (!found) return tl::unexpected(found.error());
      if (*found) current.emplace(row.text(0), row.text(1));
    }
    if (maybe_indexed) {
      auto row = connection.prepare("SELECT title, description FROM tickets_fts WHERE rowid = ?");
      row.bind(1, id);
      auto found = row.step();
      if (!found) return tl::unexpected(found.error());
      if (*found) {
        if (current && current->first == row.text(0) && current->second == row.text(1)) continue;
        auto remove = connection.prepare("DELETE FROM tickets_fts WHERE rowid = ?");
        remove.bind(1, id);
        if (auto done = remove.run(); !done) return tl::unexpected(done.error());
      }
    }
    if (!current) continue;
    auto add = connection.prepare("INSERT INTO tickets_fts (rowid, title, description) VALUES (?, ?, ?)");
    add.bind(1, id).bind(2, current->first).bind(3, current->second);
    if (auto done = add.run(); !done) return tl::unexpected(done.error());
  }
  return {};
}

}  // namespace snag::sqlite
