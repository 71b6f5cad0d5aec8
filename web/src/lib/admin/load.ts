import { api } from '../api';
import { messageOf } from './forms';
import { issueTypesFrom } from './taxonomy';

/**
 * Runs `read` (which stores what it read) and answers why it failed as one line for the
 * screen's LoadError banner, or '' when it worked.
 */
export async function loadFailure(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
    return '';
  } catch (e) {
    return messageOf(e);
  }
}

/**
 * The issue types' names by code, for screens that only need them to read better: they show
 * the codes without them, so a failed read gives no names rather than an error.
 */
export async function issueTypeNames(): Promise<Map<string, string>> {
  try {
    const { data } = await api.get<unknown>('/api/v1/issue-types');
    return new Map(issueTypesFrom(data).map((t) => [t.code, t.name]));
  } catch {
    return new Map();
  }
}
