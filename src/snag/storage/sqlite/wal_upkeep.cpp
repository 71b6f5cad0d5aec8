#include <snag/storage/sqlite/wal_upkeep.hpp>

namespace snag::sqlite {

void WalUpkeep::after_commit(Connection& writer) {
  const int pages = writer.wal_pages();
  if (pages < m_last_pages) {  // the WAL restarted
    m_ask_at = m_limits.checkpoint_pages;
    m_restart_at = m_limits.restart_pages;
  }
  m_last_pages = pages;
  if (pages >= m_restart_at) {
    const int copied = m_checkpointer->copied_frames();
    const bool rest_is_small = copied <= pages && pages - copied <= m_limits.restart_tail_pages;
    if (rest_is_small || pages >= m_restart_at + m_limits.restart_pages) {
      m_checkpointer->checkpoint_on(writer);
      m_restart_at = pages + m_limits.checkpoint_pages;  // reached only if readers kept the WAL going
      return;
    }
  }
  if (pages < m_ask_at && pages < m_restart_at) return;
  m_checkpointer->request();
  m_ask_at = pages + m_limits.checkpoint_pages;
}

}  // namespace snag::sqlite
