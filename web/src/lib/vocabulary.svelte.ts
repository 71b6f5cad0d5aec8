import { api, ApiError } from './api';
import { problemMessage } from './problem';
import type { Team, Workflow } from './types';
import { teamLabel as labelOfTeam, teamsFrom, unionStatuses, workflowsFrom } from './vocab';

// The teams and workflows forms and filters offer (GET /api/v1/teams, GET /api/v1/workflows).
// They change only when the server restarts with another configuration, so they are read once
// per session: App starts the load when someone signs in and resets it on sign-out. A failed
// load keeps its message in `error` until `load()` is called again (the app's "Try again").

export type VocabularyState = 'idle' | 'loading' | 'ready' | 'error';

class Vocabulary {
  teams = $state.raw<Team[]>([]);
  workflows = $state.raw<Workflow[]>([]);
  state = $state<VocabularyState>('idle');
  error = $state('');
  /** Every workflow's statuses, each once, in display order (the filters' and bulk menu's). */
  readonly statuses = $derived(unionStatuses(this.workflows));
  private pending: Promise<void> | null = null;
  private generation = 0;

  get ready(): boolean {
    return this.state === 'ready';
  }

  hasTeam(code: string): boolean {
    return this.teams.some((t) => t.code === code);
  }

  /** Loads unless loaded or loading; a call while loading shares that load. */
  load(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    if (this.pending) return this.pending;
    const gen = ++this.generation;
    // The last failure's message stays until this load answers.
    this.state = 'loading';
    const done = Promise.all([api.get<unknown>('/api/v1/teams'), api.get<unknown>('/api/v1/workflows')])
      // A malformed answer fails the load like a refused one.
      .then(([t, w]) => ({ teams: teamsFrom(t.data), workflows: workflowsFrom(w.data) }))
      .then(
        (v) => {
          if (gen !== this.generation) return;
          this.teams = v.teams;
          this.workflows = v.workflows;
          this.error = '';
          this.state = 'ready';
        },
        (e: unknown) => {
          if (gen !== this.generation) return;
          this.error =
            e instanceof ApiError ? problemMessage(e.problem) : e instanceof Error ? e.message : String(e);
          this.state = 'error';
        },
      );
    this.pending = done.finally(() => {
      if (gen === this.generation) this.pending = null;
    });
    return this.pending;
  }

  /** Forgets everything (sign-out); an answer still on its way is then ignored. */
  reset(): void {
    this.generation += 1;
    this.pending = null;
    this.teams = [];
    this.workflows = [];
    this.state = 'idle';
    this.error = '';
  }
}

export const vocabulary = new Vocabulary();

/** A team's label: its name once the teams are loaded (reactive in templates). */
export function teamLabel(code: string): string {
  return labelOfTeam(code, vocabulary.teams);
}
