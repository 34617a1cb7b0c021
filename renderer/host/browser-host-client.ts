// HostApi over same-origin HTTP, for `npm run web` and the browser tests. The browser host server
// (host-server/) validates each request with the same channel map the Electron main process uses;
// this side validates the responses, so a misbehaving server cannot hand the UI an untyped value.
import {
  HOST_CHANNELS,
  type HostApi,
  type HostChannel,
  type HostRequest,
  type HostResponse,
} from '../../shared/host/host-api';

export class HostRequestError extends Error {
  constructor(
    readonly channel: HostChannel,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${channel}: ${code}: ${message}`);
    this.name = 'HostRequestError';
  }
}

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function createBrowserHostClient(options: { fetch?: FetchLike; basePath?: string } = {}): HostApi {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const basePath = options.basePath ?? '/__host/';

  async function call<C extends HostChannel>(channel: C, request?: HostRequest<C>): Promise<HostResponse<C>> {
    const response = await doFetch(basePath + channel, {
      method: 'POST',
      headers: request === undefined ? {} : { 'content-type': 'application/json' },
      body: request === undefined ? undefined : JSON.stringify(request),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new HostRequestError(channel, response.status, 'BAD_RESPONSE', 'response is not JSON');
    }
    if (!response.ok) {
      const body = (json ?? {}) as { error?: unknown; message?: unknown };
      throw new HostRequestError(
        channel,
        response.status,
        typeof body.error === 'string' ? body.error : 'HTTP_' + response.status,
        typeof body.message === 'string' ? body.message : response.statusText,
      );
    }
    const parsed = HOST_CHANNELS[channel][1].safeParse(json);
    if (!parsed.success) {
      throw new HostRequestError(channel, response.status, 'BAD_RESPONSE', parsed.error.issues[0]?.message ?? 'invalid');
    }
    return parsed.data as HostResponse<C>;
  }

  return {
    appInfo: () => call('app:info'),
    getConfig: () => call('config:get'),
    setConfig: (patch) => call('config:set', patch),
    workSystem: (request) => call('work-system:request', request),
    // The browser host cannot print silently: the browser's own dialog prints (or saves as PDF)
    // the same print stylesheet the Electron host uses.
    printSlip: async () => {
      window.print();
      return { printed: true };
    },
    saveSlipPdf: async () => {
      window.print();
      return { saved: false, path: null };
    },
  };
}
