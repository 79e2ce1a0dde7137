// The IPC router: a hostile payload gets a validation error, never reaches a service, never crashes.
import { describe, expect, it, vi } from 'vitest';
import { createIpcRouter, type Handlers, type SenderInfo } from '../../../main/ipc/router';
import { CHANNELS } from '../../../preload/contract/channels';
import { ok } from '../../../preload/contract/result';

const OWN: SenderInfo = { url: 'app://counter/clerk.html#/', isMainFrame: true };

function setup() {
  const services = Object.fromEntries(
    CHANNELS.map((c) => [c, vi.fn(async (_req: unknown) => ok({ channel: c }))]),
  ) as unknown as Record<string, ReturnType<typeof vi.fn>>;
  const router = createIpcRouter({
    trustedOrigins: ['app://counter'],
    handlers: services as unknown as Handlers,
    authorize: async (channel) => {
      if (channel.startsWith('admin:')) throw new Error('forbidden-role');
    },
    toAppError: (e) =>
      e instanceof Error && e.message === 'forbidden-role'
        ? { code: 'forbidden-role' }
        : { code: 'internal' },
  });
  const untouched = () => {
    for (const fn of Object.values(services)) expect(fn).not.toHaveBeenCalled();
  };
  return { router, services, untouched };
}

describe('IPC router', () => {
  it('passes a valid request from our own window to its service', async () => {
    const { router, services } = setup();
    const res = await router.handle(OWN, 'card:read-health', { reader: 'Reader 0' });
    expect(res).toEqual({ ok: true, value: { channel: 'card:read-health' } });
    expect(services['card:read-health']).toHaveBeenCalledWith({ reader: 'Reader 0' });
  });

  it('refuses other origins, iframes and unparseable sender URLs', async () => {
    const { router, untouched } = setup();
    for (const sender of [
      { url: 'https://evil.invalid/', isMainFrame: true },
      { url: 'app://counter/clerk.html', isMainFrame: false },
      { url: 'app://counterfeit/clerk.html', isMainFrame: true },
      { url: 'file:///etc/passwd', isMainFrame: true },
      { url: '', isMainFrame: true },
    ]) {
      const res = await router.handle(sender, 'app:get-info', {});
      expect(res, sender.url).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
    }
    untouched();
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { router, untouched } = setup();
    for (const channel of ['card:format-disk', 'constructor', '__proto__', 'toString', 42, null]) {
      const res = await router.handle(OWN, channel, {});
      expect(res).toEqual({ ok: false, error: { code: 'unknown-channel' } });
    }
    untouched();
  });

  it.each([
    ['wrong type', { reader: 42 }],
    ['missing field', {}],
    ['extra field', { reader: 'Reader 0', admin: true }],
    ['huge string', { reader: 'x'.repeat(1_000_000) }],
    ['long string', { reader: 'x'.repeat(201) }],
    ['array', ['Reader 0']],
    ['null', null],
    ['prototype pollution', JSON.parse('{"reader":"R","__proto__":{"admin":true}}')],
  ])('answers a validation error to a %s', async (_name, payload) => {
    const { router, untouched } = setup();
    const res = await router.handle(OWN, 'card:read-health', payload);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('validation');
    untouched();
  });

  it('survives payloads that cannot be serialised', async () => {
    const { router, untouched } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await router.handle(OWN, 'card:read-health', cyclic)).ok).toBe(false);
    expect((await router.handle(OWN, 'card:read-health', { reader: 10n })).ok).toBe(false);
    untouched();
  });

  it('refuses a channel the session may not use before the service runs', async () => {
    const { router, untouched } = setup();
    expect(await router.handle(OWN, 'admin:list-operators', {})).toEqual({
      ok: false,
      error: { code: 'forbidden-role' },
    });
    untouched();
  });

  it('turns an exception in a service into an error value', async () => {
    const { router, services } = setup();
    services['app:get-info']!.mockRejectedValueOnce(new Error('boom'));
    expect(await router.handle(OWN, 'app:get-info', {})).toEqual({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
