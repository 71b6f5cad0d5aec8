import { messageOf } from './forms';

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
