import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  decideDownload,
  applySessionPolicy,
  decidePermissionCheck,
  decidePermissionRequest,
  hardenWebContents,
  isRendererRequestAllowed,
} from '../../electron/main/security-policy';
import { memoryLogger } from '../../host-core/logger';
import { FakeSession, FakeWebContents } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

const APP = 'essc://app';

describe('permission requests: deny by default, camera video only, our origin only', () => {
  it.each([
    ['media video from our page', { permission: 'media', requestingUrl: 'essc://app/index.html', mediaTypes: ['video'] }, true],
    ['media audio+video', { permission: 'media', requestingUrl: 'essc://app/index.html', mediaTypes: ['video', 'audio'] }, false],
    ['media audio', { permission: 'media', requestingUrl: 'essc://app/index.html', mediaTypes: ['audio'] }, false],
    ['media with no type', { permission: 'media', requestingUrl: 'essc://app/index.html', mediaTypes: [] }, false],
    ['media video from another origin', { permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }, false],
    ['media video from another essc host', { permission: 'media', requestingUrl: 'essc://other/', mediaTypes: ['video'] }, false],
    ['geolocation', { permission: 'geolocation', requestingUrl: 'essc://app/index.html' }, false],
    ['notifications', { permission: 'notifications', requestingUrl: 'essc://app/index.html' }, false],
    ['clipboard-read', { permission: 'clipboard-read', requestingUrl: 'essc://app/index.html' }, false],
    ['display-capture', { permission: 'display-capture', requestingUrl: 'essc://app/index.html' }, false],
  ])('%s → %s', (_name, facts, expected) => {
    expect(decidePermissionRequest(facts, APP)).toBe(expected);
  });

  it.each([
    [{ permission: 'media', requestingOrigin: 'essc://app', mediaType: 'video' }, true],
    [{ permission: 'media', requestingOrigin: 'essc://app', mediaType: 'audio' }, false],
    [{ permission: 'media', requestingOrigin: 'essc://app', mediaType: 'unknown' }, false],
    [{ permission: 'media', requestingOrigin: 'http://localhost:5173', mediaType: 'video' }, false],
    [{ permission: 'background-sync', requestingOrigin: 'essc://app' }, false],
  ])('permission check %j → %s', (facts, expected) => {
    expect(decidePermissionCheck(facts, APP)).toBe(expected);
  });

  it('the session handlers apply the same decisions (request and check)', () => {
    const session = new FakeSession();
    applySessionPolicy(session as unknown as Session, APP, memoryLogger());
    const answers: boolean[] = [];
    session.permissionRequestHandler?.({}, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'essc://app/', mediaTypes: ['video'] });
    session.permissionRequestHandler?.({}, 'media', (ok: boolean) => answers.push(ok), { requestingUrl: 'essc://app/', mediaTypes: ['audio'] });
    session.permissionRequestHandler?.({}, 'openExternal', (ok: boolean) => answers.push(ok), { requestingUrl: 'essc://app/' });
    expect(answers).toEqual([true, false, false]);
    expect(session.permissionCheckHandler?.({}, 'media', 'essc://app', { mediaType: 'video' })).toBe(true);
    expect(session.permissionCheckHandler?.({}, 'hid', 'essc://app', {})).toBe(false);
    expect(session.devicePermissionHandler?.({})).toBe(false);
  });
});

describe('offline by construction: the renderer session reaches only our origin', () => {
  it.each([
    ['essc://app/assets/index.js', 'script', true],
    ['essc://app/assets/zxing.wasm', 'xhr', true],
    ['blob:essc://app/5b1c-uuid', 'media', true],
    ['data:image/svg+xml;base64,PHN2Zz4=', 'image', true],
    ['data:text/html,<script>alert(1)</script>', 'mainFrame', false],
    ['data:text/html,x', 'subFrame', false],
    ['https://ws.example/v1/health', 'xhr', false],
    ['http://127.0.0.1:8080/v1/trust-list', 'xhr', false],
    ['ws://127.0.0.1:5173/', 'webSocket', false],
    ['wss://evil.example/', 'webSocket', false],
    ['file:///etc/passwd', 'xhr', false],
    ['javascript:alert(1)', 'mainFrame', false],
    ['blob:https://evil.example/uuid', 'media', false],
    ['essc://evil/index.html', 'mainFrame', false],
    ['ftp://x/', 'other', false],
    ['not a url', 'other', false],
  ])('%s (%s) → %s', (url, type, expected) => {
    expect(isRendererRequestAllowed(url, type, APP)).toBe(expected);
  });

  it('in development the Vite origin and its HMR socket are ours, nothing else', () => {
    const dev = 'http://localhost:5173';
    expect(isRendererRequestAllowed('http://localhost:5173/src/main.tsx', 'script', dev)).toBe(true);
    expect(isRendererRequestAllowed('ws://localhost:5173/', 'webSocket', dev)).toBe(true);
    expect(isRendererRequestAllowed('http://localhost:8080/v1/health', 'xhr', dev)).toBe(false);
  });

  it('the session request filter cancels refused requests and downloads', () => {
    const session = new FakeSession();
    applySessionPolicy(session as unknown as Session, APP, memoryLogger());
    const decisions: unknown[] = [];
    session.beforeRequest?.({ url: 'https://ws.example/v1/health', resourceType: 'xhr' }, (d: unknown) => decisions.push(d));
    session.beforeRequest?.({ url: 'essc://app/index.html', resourceType: 'mainFrame' }, (d: unknown) => decisions.push(d));
    expect(decisions).toEqual([{ cancel: true }, { cancel: false }]);
    const download = { preventDefault: vi.fn() };
    session.emit('will-download', download, { getURL: () => 'essc://app/x', getFilename: () => 'x' });
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

describe('downloads: only our own exports, into the exports folder', () => {
  it('allows blob: URLs of our origin under a sanitised name, refuses everything else', () => {
    const dir = '/home/kiosk/Documents/essc-kiosk-exports';
    expect(decideDownload(`blob:${APP}/3f2c`, 'essc-audit-K1-1-1000.jws', APP, dir)).toEqual({ allowed: true, savePath: `${dir}/essc-audit-K1-1-1000.jws` });
    expect(decideDownload(`blob:${APP}/3f2c`, '../../.bashrc', APP, dir)).toEqual({ allowed: true, savePath: `${dir}/_.._.bashrc` });
    expect(decideDownload('blob:https://evil.example/3f2c', 'x.csv', APP, dir)).toEqual({ allowed: false });
    expect(decideDownload('https://evil.example/x.exe', 'x.exe', APP, dir)).toEqual({ allowed: false });
    expect(decideDownload(`${APP}/index.html`, 'index.html', APP, dir)).toEqual({ allowed: false });
    expect(decideDownload(`blob:${APP}/3f2c`, 'x.csv', APP, undefined)).toEqual({ allowed: false });
  });

  it('the session saves an allowed export without a dialog', () => {
    const session = new FakeSession();
    const dir = join(tmpdir(), `essc-exports-${process.pid}`);
    applySessionPolicy(session as unknown as Session, APP, memoryLogger(), dir);
    const event = { preventDefault: vi.fn() };
    const item = { getURL: () => `blob:${APP}/1`, getFilename: () => 'history.csv', setSavePath: vi.fn() };
    session.emit('will-download', event, item);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(item.setSavePath).toHaveBeenCalledWith(join(dir, 'history.csv'));
  });
});

describe('navigation and new windows are refused', () => {
  function hardened() {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, APP, memoryLogger());
    const navigate = (eventName: string, url: string) => {
      const event = { url, preventDefault: vi.fn() };
      contents.emit(eventName, event);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { contents, navigate };
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from our origin is prevented', (eventName) => {
    const { navigate } = hardened();
    expect(navigate(eventName, 'https://evil.example/')).toBe(true);
    expect(navigate(eventName, 'data:text/html,hi')).toBe(true);
    expect(navigate(eventName, 'javascript:alert(1)')).toBe(true);
    expect(navigate(eventName, 'file:///etc/passwd')).toBe(true);
    expect(navigate(eventName, 'essc://app/index.html')).toBe(false);
  });

  it('window.open is denied for every URL, ours included (no shell.openExternal either)', () => {
    const { contents } = hardened();
    for (const url of ['https://evil.example/', 'essc://app/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('<webview> attachment is prevented', () => {
    const { contents } = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
