// The IPC router: channel -> service call, after a sender check and schema validation. No Electron here,
// so tests call exactly what ipcMain.handle calls.
import {
  CHANNEL_ACCESS,
  RESIDENT_CHANNELS,
  isChannel,
  requestSchemas,
  type Channel,
  type RequestOf,
  type ResponseOf,
} from '../../preload/contract/channels';
import type { AppError } from '../../preload/contract/errors';
import { err, ok, type Result } from '../../preload/contract/result';
import { windowRoleOf, type WindowRole } from './window-role';

/** What main knows about the caller of an IPC message (from Electron's event.senderFrame). */
export interface SenderInfo {
  /** URL of the calling frame. */
  readonly url: string;
  /** True for the top frame of one of our windows; an iframe is never trusted. */
  readonly isMainFrame: boolean;
}

/** One handler per channel: receives the validated request, returns a value or throws. */
export type Handlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

export interface IpcRouter {
  handle(sender: SenderInfo, channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/** Largest request accepted, as JSON text; bigger payloads are refused before parsing. */
export const MAX_REQUEST_CHARS = 64 * 1024;

export interface RouterOptions {
  readonly trustedOrigins: readonly string[];
  readonly handlers: Handlers;
  /**
   * Checks the operator's session and role for a channel (CHANNEL_ACCESS); throws to refuse.
   * Runs after validation, so a malformed request never even reaches the session check. The
   * window is already checked against the channel when this runs; it is passed on for audit.
   */
  readonly authorize: (channel: Channel, window: WindowRole) => Promise<void>;
  /**
   * Maps an exception of the authorization or the handler to an AppError; it must not leak
   * secrets. The channel is for the error log's entry (an unexpected error gets one, with an id).
   */
  readonly toAppError: (e: unknown, context: { readonly channel: Channel }) => AppError;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // app://counter/… has origin "null" in WHATWG URL for non-special schemes; compare by parts.
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

function requestSize(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY; // cycles, BigInt: not a JSON request
  }
}

/**
 * Whether a window may call a channel at all. The resident window is the one a member of the
 * public touches: it gets its own few channels (RESIDENT_CHANNELS) and nothing else, and the
 * resident channels answer that window only, so a compromised clerk page cannot pose as the
 * resident and a resident cannot reach a clerk's function (docs/architecture.md, Processes and trust).
 */
export function windowMayCall(role: WindowRole, channel: Channel): boolean {
  if (role === 'resident') return RESIDENT_CHANNELS.includes(channel);
  return CHANNEL_ACCESS[channel] !== 'resident';
}

export function createIpcRouter(options: RouterOptions): IpcRouter {
  const trusted = new Set(options.trustedOrigins);

  return {
    async handle(sender, channel, payload) {
      // Electron security checklist, "Validate the sender of all IPC messages".
      const origin = originOf(sender.url);
      if (!sender.isMainFrame || origin === null || !trusted.has(origin)) {
        return err({ code: 'forbidden-sender' });
      }
      if (!isChannel(channel)) return err({ code: 'unknown-channel' });
      // Before validation: a window that may not call a channel learns nothing about its schema.
      const windowRole = windowRoleOf(sender.url);
      if (!windowMayCall(windowRole, channel)) return err({ code: 'forbidden-sender' });
      if (requestSize(payload) > MAX_REQUEST_CHARS) {
        return err({ code: 'validation', detail: 'request too large' });
      }
      const parsed = requestSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 3)
          .map((i) => i.path.join('.') || '(request)')
          .join(', ');
        return err({ code: 'validation', detail: where });
      }
      try {
        await options.authorize(channel, windowRole);
        const handler = options.handlers[channel] as (r: unknown) => Promise<Result<unknown>>;
        return await handler(parsed.data);
      } catch (e) {
        return err(options.toAppError(e, { channel }));
      }
    },
  };
}

export { ok, err };
