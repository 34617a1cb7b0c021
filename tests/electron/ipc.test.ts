import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerHostHandlers, type IpcContext } from '../../electron/main/ipc';
import type { HostHandlers } from '../../host-core/host-channels';
import { memoryLogger } from '../../host-core/logger';
import { HOST_CHANNELS, type KioskConfig } from '../../shared/host/host-api';
import { defaultKioskConfig } from '../../host-core/default-config';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

const ANCHORS = { keys: [{ kty: 'EC' as const, crv: 'P-256' as const, x: 'A'.repeat(43), y: 'B'.repeat(43) }] };
const CONFIG: KioskConfig = defaultKioskConfig(ANCHORS, 'pinned');

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
let listeners: Map<string, Listener>;
let handlers: { [K in keyof HostHandlers<IpcContext>]: ReturnType<typeof vi.fn> };

function event(url: string | null, parent: unknown = null): IpcMainInvokeEvent {
  const sender = { id: 1 };
  return { sender, senderFrame: url === null ? null : { url, parent } } as unknown as IpcMainInvokeEvent;
}
function invoke(channel: string, ev: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
  const listener = listeners.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(listener(ev, ...args));
}

beforeEach(() => {
  listeners = new Map();
  handlers = {
    'app:info': vi.fn(async () => ({ name: 'essc-kiosk', version: '0.1.0', host: 'electron', demo: false, platform: 'linux' })),
    'config:get': vi.fn(async () => CONFIG),
    'config:set': vi.fn(async (patch: object) => ({ ...CONFIG, ...patch })),
    'work-system:request': vi.fn(async () => ({ ok: false, failure: 'NOT_CONFIGURED', message: 'none' })),
    'slip:print': vi.fn(async () => ({ printed: true })),
    'slip:save-pdf': vi.fn(async () => ({ saved: true, path: '/tmp/x.pdf' })),
  };
  registerHostHandlers(
    { handle: (channel, listener) => listeners.set(channel, listener), removeHandler: (channel) => listeners.delete(channel) },
    handlers as unknown as HostHandlers<IpcContext>,
    { appOrigin: 'essc://app', logger: memoryLogger() },
  );
});

describe('one registration wrapper for every host channel', () => {
  it('registers exactly the channels of the channel map', () => {
    expect([...listeners.keys()].sort()).toEqual(Object.keys(HOST_CHANNELS).sort());
  });

  it('a valid call from our top frame reaches the handler with the parsed request and the sender', async () => {
    const ev = event('essc://app/index.html#/settings');
    expect(await invoke('config:set', ev, { kioskName: 'Counter 2' })).toMatchObject({ kioskName: 'Counter 2' });
    expect(handlers['config:set']).toHaveBeenCalledWith({ kioskName: 'Counter 2' }, { sender: ev.sender });
  });
});

describe('the sender must be the top frame of our origin', () => {
  it.each([
    ['another origin', event('https://evil.example/')],
    ['another host on our scheme', event('essc://evil/index.html')],
    ['a file: page', event('file:///tmp/index.html')],
    ['a sub-frame of our origin', event('essc://app/frame.html', { url: 'essc://app/index.html' })],
    ['a destroyed frame', event(null)],
  ])('refuses %s before the handler runs', async (_name, ev) => {
    await expect(invoke('config:get', ev)).rejects.toThrow(/^FORBIDDEN/);
    expect(handlers['config:get']).not.toHaveBeenCalled();
  });
});

describe('requests and responses are parsed with the channel schemas', () => {
  it.each([
    ['config:set', [{ kioskName: '' }]],
    ['config:set', [{ workSystemUrl: 'javascript:alert(1)' }]],
    ['work-system:request', [{ method: 'GET', path: '/v1/../admin' }]],
    ['work-system:request', [{ method: 'DELETE', path: '/v1/health' }]],
    ['slip:save-pdf', [{ fileName: '../../etc/passwd.pdf' }]],
    ['config:get', [{ unexpected: true }]],
    ['config:get', [undefined, 'extra']],
  ])('%s with %j is BAD_REQUEST and never reaches the handler', async (channel, args) => {
    await expect(invoke(channel, event('essc://app/index.html'), ...args)).rejects.toThrow(/^BAD_REQUEST/);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('a handler answering outside its schema is INTERNAL, not passed through', async () => {
    handlers['config:get'].mockResolvedValueOnce({ ...CONFIG, kioskMode: 'yes' });
    await expect(invoke('config:get', event('essc://app/'))).rejects.toThrow(/^INTERNAL/);
  });

  it('a handler that throws is INTERNAL with its message, no stack', async () => {
    handlers['slip:print'].mockRejectedValueOnce(new Error('printer on fire'));
    await expect(invoke('slip:print', event('essc://app/'))).rejects.toThrow('INTERNAL: slip:print failed (printer on fire)');
  });
});
