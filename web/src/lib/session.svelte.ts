import { api, ApiError, setCsrfToken } from './api';
import type { Session, SessionUser } from './types';

// Who is signed in. `checked` stays false until the first GET /api/v1/session has answered,
// so the app does not flash the sign-in form at a user who is signed in.

class SessionState {
  user = $state<SessionUser | null>(null);
  checked = $state(false);

  private accept(s: Session): void {
    setCsrfToken(s.csrf_token);
    this.user = s.user;
  }

  async load(): Promise<void> {
    try {
      const { data } = await api.get<Session>('/api/v1/session', { quiet401: true });
      this.accept(data);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      this.clear();
    } finally {
      this.checked = true;
    }
  }

  async signIn(username: string, password: string): Promise<void> {
    const { data } = await api.post<Session>(
      '/api/v1/session',
      { username, password },
      { quiet401: true },
    );
    this.accept(data);
  }

  async signOut(): Promise<void> {
    try {
      await api.del('/api/v1/session', { quiet401: true });
    } finally {
      this.clear();
    }
  }

  clear(): void {
    setCsrfToken(null);
    this.user = null;
  }
}

export const session = new SessionState();
