import { stopAtsPage, stopServer } from './server-control';

// Runs after all tests, failed or not.
export default async function globalTeardown(): Promise<void> {
  await stopServer();
  await stopAtsPage();
}
