// App-wide lifecycle rules: one instance per machine, and the core closed before the process quits.
import type { App } from 'electron';

export type LifecycleApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;

export interface LifecycleHooks {
  /** The running core, or null before start / after close. */
  readonly core: () => { close(): Promise<void> } | null;
  /** Brings the clerk window to the front when a second instance is started. */
  readonly focusMainWindow: () => void;
  readonly onClosed: () => void;
}

/**
 * Returns false when another instance holds the lock: this one then quits at once, because two
 * counter apps on one machine would fight over the reader and the database.
 */
export function installAppLifecycle(app: LifecycleApp, hooks: LifecycleHooks): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => hooks.focusMainWindow());
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('before-quit', (event) => {
    const core = hooks.core();
    if (!core || closing) return;
    // Hold the quit until the core (reader sessions, database) has closed cleanly.
    event.preventDefault();
    closing = true;
    void core.close().finally(() => {
      hooks.onClosed();
      app.quit();
    });
  });
  return true;
}
