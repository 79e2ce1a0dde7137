// The router's window check: the resident window reaches its own few channels, the clerk window never those.
import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, windowMayCall, type Handlers } from '../../../main/ipc/router';
import { windowRoleOf } from '../../../main/ipc/window-role';
import {
  CHANNELS,
  CHANNEL_ACCESS,
  RESIDENT_CHANNELS,
  type Channel,
} from '../../../preload/contract/channels';
import { ok } from '../../../preload/contract/result';

const ORIGIN = 'app://counter';
const CLERK = { url: `${ORIGIN}/clerk.html#/issuance`, isMainFrame: true };
const RESIDENT = { url: `${ORIGIN}/resident.html`, isMainFrame: true };

/** A request each channel's schema accepts, so only the window check can refuse it. */
const VALID: Partial<Record<Channel, unknown>> = {
  'card:read-health': { reader: 'Reader 0' },
  'admin:list-operators': {},
  'admin:create-operator': {
    loginId: 'mallory',
    displayName: 'Mallory',
    role: 'admin',
    password: 'long enough 1',
  },
  'procedure:start': { applicationId: 1 },
  'procedure:open-pin-entry': { procedureId: 'p-1', reader: 'Reader 0' },
  'auth:login': { loginId: 'renshu01', password: 'x' },
  'auth:logout': {},
  'app:get-info': {},
  'resident:get-prompt': {},
  'resident:check-pin': { kind: 'auth', value: '5831', confirmation: '5831' },
  'resident:submit-pins': {
    auth: { value: '5831', confirmation: '5831' },
    juki: { value: '5831', confirmation: '5831' },
    text: { value: '5831', confirmation: '5831' },
  },
};

function setup() {
  const services = Object.fromEntries(
    CHANNELS.map((c) => [c, vi.fn(async (_req: unknown) => ok({ channel: c }))]),
  ) as unknown as Record<Channel, ReturnType<typeof vi.fn>>;
  const authorize = vi.fn(async (_channel: Channel, _window: 'clerk' | 'resident') => undefined);
  const router = createIpcRouter({
    trustedOrigins: [ORIGIN],
    handlers: services as unknown as Handlers,
    authorize,
    toAppError: () => ({ code: 'internal' }),
  });
  return { router, services, authorize };
}

describe('window role', () => {
  it('is the resident window for /resident.html and the clerk window for every other page', () => {
    expect(windowRoleOf(`${ORIGIN}/resident.html`)).toBe('resident');
    expect(windowRoleOf(`${ORIGIN}/resident.html?x=1#/a`)).toBe('resident');
    expect(windowRoleOf('http://127.0.0.1:4173/resident.html')).toBe('resident');
    expect(windowRoleOf(`${ORIGIN}/clerk.html#/resident.html`)).toBe('clerk');
    expect(windowRoleOf(`${ORIGIN}/clerk.html?page=/resident.html`)).toBe('clerk');
    expect(windowRoleOf(`${ORIGIN}/`)).toBe('clerk');
    expect(windowRoleOf(`${ORIGIN}/sub/resident.html`)).toBe('clerk');
    expect(windowRoleOf('not a url')).toBe('clerk');
  });

  it('lets the resident window call exactly RESIDENT_CHANNELS, and the clerk window all but resident:*', () => {
    for (const channel of CHANNELS) {
      expect(windowMayCall('resident', channel), channel).toBe(RESIDENT_CHANNELS.includes(channel));
      expect(windowMayCall('clerk', channel), channel).toBe(CHANNEL_ACCESS[channel] !== 'resident');
    }
    // The contract itself: every resident channel is open to the resident window.
    for (const channel of CHANNELS.filter((c) => CHANNEL_ACCESS[c] === 'resident')) {
      expect(RESIDENT_CHANNELS).toContain(channel);
    }
  });
});

describe('IPC router: which window may call what', () => {
  it.each([
    'admin:list-operators',
    'admin:create-operator',
    'procedure:start',
    'procedure:open-pin-entry',
    'card:read-health',
    'auth:login',
    'auth:logout',
  ] as const)('refuses %s from the resident window before the service runs', async (channel) => {
    const { router, services, authorize } = setup();
    const res = await router.handle(RESIDENT, channel, VALID[channel]);
    expect(res).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
    expect(services[channel]).not.toHaveBeenCalled();
    expect(authorize).not.toHaveBeenCalled();
  });

  it('refuses a resident window call before validating it: a wrong payload learns nothing', async () => {
    const { router } = setup();
    expect(await router.handle(RESIDENT, 'admin:create-operator', { nonsense: 1 })).toEqual({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it.each(['resident:get-prompt', 'resident:check-pin', 'resident:submit-pins'] as const)(
    'refuses %s from the clerk window',
    async (channel) => {
      const { router, services, authorize } = setup();
      const res = await router.handle(CLERK, channel, VALID[channel]);
      expect(res).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
      expect(services[channel]).not.toHaveBeenCalled();
      expect(authorize).not.toHaveBeenCalled();
    },
  );

  it.each([
    'app:get-info',
    'resident:get-prompt',
    'resident:check-pin',
    'resident:submit-pins',
  ] as const)(
    'passes %s from the resident window to its service, telling authorize which window called',
    async (channel) => {
      const { router, services, authorize } = setup();
      const res = await router.handle(RESIDENT, channel, VALID[channel]);
      expect(res).toEqual({ ok: true, value: { channel } });
      expect(services[channel]).toHaveBeenCalledWith(VALID[channel]);
      expect(authorize).toHaveBeenCalledWith(channel, 'resident');
    },
  );

  it('tells authorize a clerk-window call is the clerk window', async () => {
    const { router, authorize } = setup();
    await router.handle(CLERK, 'card:read-health', VALID['card:read-health']);
    expect(authorize).toHaveBeenCalledWith('card:read-health', 'clerk');
  });

  it('still refuses the resident page from a foreign origin or an iframe', async () => {
    const { router, services } = setup();
    for (const sender of [
      { url: 'https://evil.invalid/resident.html', isMainFrame: true },
      { url: `${ORIGIN}/resident.html`, isMainFrame: false },
    ]) {
      expect(await router.handle(sender, 'resident:get-prompt', {})).toEqual({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(services['resident:get-prompt']).not.toHaveBeenCalled();
  });

  it('validates resident requests like any other: a 33-character PIN is refused', async () => {
    const { router, services } = setup();
    const res = await router.handle(RESIDENT, 'resident:check-pin', {
      kind: 'auth',
      value: '1'.repeat(33),
      confirmation: '1',
    });
    expect(!res.ok && res.error.code).toBe('validation');
    expect(services['resident:check-pin']).not.toHaveBeenCalled();
  });
});
