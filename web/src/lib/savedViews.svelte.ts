import { api } from './api';
import type { SavedView } from './types';

// The signed-in person's saved views and the shared ones (GET /api/v1/views), read once per
// session like the vocabulary (App loads them at sign-in and resets them at sign-out): switching views only changes the list's URL, and saving or
// deleting one updates this copy from the API's answer instead of reading every view again.

function byName(a: SavedView, b: SavedView): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;
}

class SavedViews {
  items = $state.raw<SavedView[]>([]);
  error = $state('');
  private generation = 0;

  async load(): Promise<void> {
    const gen = ++this.generation;
    try {
      const { data } = await api.get<{ items: SavedView[] }>('/api/v1/views');
      if (gen !== this.generation) return;
      this.items = data.items;
      this.error = '';
    } catch (e) {
      if (gen !== this.generation) return;
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Saves a view; the API's 422 or 409 reaches the caller as an ApiError. */
  async create(name: string, query: string, shared: boolean): Promise<SavedView> {
    const { data } = await api.post<SavedView>('/api/v1/views', { name, query, shared });
    this.items = [...this.items, data].sort(byName);
    return data;
  }

  async change(id: number, change: Partial<Pick<SavedView, 'name' | 'query' | 'shared'>>): Promise<SavedView> {
    const { data } = await api.patch<SavedView>(`/api/v1/views/${id}`, change);
    this.items = this.items.map((v) => (v.id === id ? data : v)).sort(byName);
    return data;
  }

  async remove(id: number): Promise<void> {
    await api.del(`/api/v1/views/${id}`);
    this.items = this.items.filter((v) => v.id !== id);
  }

  reset(): void {
    this.generation += 1;
    this.items = [];
    this.error = '';
  }
}

export const savedViews = new SavedViews();
