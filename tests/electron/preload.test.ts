import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as electron from 'electron';
import { HOST_METHOD_CHANNELS } from '../../shared/host/host-methods';
import { HOST_CHANNELS } from '../../shared/host/host-api';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

type Exposed = Record<string, unknown>;
let exposed: Exposed;
const invoke = vi.mocked(electron.ipcRenderer.invoke);

beforeAll(async () => {
  await import('../../electron/preload/index');
  const calls = vi.mocked(electron.contextBridge.exposeInMainWorld).mock.calls;
  expect(calls).toHaveLength(1);
  expect(calls[0]?.[0]).toBe('esscHost');
  exposed = calls[0]?.[1] as Exposed;
});

describe('the preload exposes named functions only (window.esscHost implements HostApi)', () => {
  it('exactly the HostApi methods, all functions, no ipcRenderer or send/on', () => {
    expect(Object.keys(exposed).sort()).toEqual(['appInfo', 'getConfig', 'printSlip', 'saveSlipPdf', 'setConfig', 'workSystem']);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    expect(Object.values(exposed)).not.toContain(electron.ipcRenderer);
    expect(exposed).not.toHaveProperty('invoke');
    expect(exposed).not.toHaveProperty('on');
  });

  it('every method maps to one channel of the channel map', () => {
    expect(Object.values(HOST_METHOD_CHANNELS).sort()).toEqual(Object.keys(HOST_CHANNELS).sort());
  });

  it('void methods invoke with no argument; others pass the request unchanged', async () => {
    invoke.mockClear();
    await (exposed.getConfig as () => Promise<unknown>)();
    await (exposed.setConfig as (p: unknown) => Promise<unknown>)({ kioskName: 'K' });
    await (exposed.saveSlipPdf as (p: unknown) => Promise<unknown>)({ fileName: 'slip.pdf' });
    expect(invoke.mock.calls).toEqual([['config:get'], ['config:set', { kioskName: 'K' }], ['slip:save-pdf', { fileName: 'slip.pdf' }]]);
  });

  it('the answer from main is returned as is (no event object leaks)', async () => {
    invoke.mockResolvedValueOnce({ printed: true });
    expect(await (exposed.printSlip as () => Promise<unknown>)()).toEqual({ printed: true });
  });
});
