import { api } from './api';
import { events } from './events';
import type { Notification } from './sse';
import { EMPTY_INBOX, fromList, markRead, receive, type InboxState } from './unread';

// The signed-in user's notifications: read from GET /api/v1/notifications, kept current by the
// shared event stream (`event: notification`). The stream pushes only what is stored after it
// opened and replays nothing, so the list is read again each time it opens, the first time too:
// a notification stored between the first read and the stream's opening would be missed
// otherwise. One that both the read and the stream bring counts once (by id).

interface NotificationList {
  items: Notification[];
  unread_count: number;
  next_cursor: string | null;
}

class Inbox {
  state = $state<InboxState>(EMPTY_INBOX);
  loaded = $state(false);
  error = $state('');
  private stopListening: (() => void) | null = null;
  private generation = 0;

  get unread(): number {
    return this.state.unread;
  }

  start(): void {
    if (this.stopListening) return;
    this.stopListening = events.subscribe((m) => {
      if (m.kind === 'notification') this.state = receive(this.state, m.notification);
      else if (m.kind === 'open') void this.load();
    });
    void this.load();
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.generation += 1;
    this.state = EMPTY_INBOX;
    this.loaded = false;
    this.error = '';
  }

  async load(): Promise<void> {
    const gen = ++this.generation;
    try {
      const { data } = await api.get<NotificationList>('/api/v1/notifications', { query: { limit: '50' } });
      if (gen !== this.generation) return;
      // Anything pushed while the list was on its way is kept.
      let next = fromList(data.items, data.unread_count);
      for (const n of this.state.items) if (!next.items.some((i) => i.id === n.id) && !n.read) next = receive(next, n);
      this.state = next;
      this.error = '';
    } catch (e) {
      if (gen === this.generation) this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (gen === this.generation) this.loaded = true;
    }
  }

  /** Marks some (or, without ids, all) read; the server's answer sets the count. */
  async markRead(ids?: number[]): Promise<void> {
    const before = this.state;
    this.state = markRead(this.state, ids);
    try {
      const { data } = await api.post<{ unread_count: number }>(
        '/api/v1/notifications/read',
        ids ? { ids } : { all: true },
      );
      this.state = { ...this.state, unread: Math.max(0, data.unread_count) };
      this.error = '';
    } catch (e) {
      this.state = before;
      this.error = e instanceof Error ? e.message : String(e);
    }
  }
}

export const inbox = new Inbox();
