// Validation and dispatch of host channels, shared by the Electron IPC wrapper and the browser
// host server: every request is parsed with its channel's schema before a handler sees it, and
// every response is parsed before it leaves, so neither side can widen the contract by accident.
import { HOST_CHANNELS, type HostChannel, type HostResponse } from '../shared/host/host-api';
import type { z } from 'zod';

export type ParsedHostRequest<C extends HostChannel> = z.output<(typeof HOST_CHANNELS)[C][0]>;

/** One handler per channel; `Ctx` is what the host knows about the caller (e.g. the WebContents). */
export type HostHandlers<Ctx> = {
  readonly [C in HostChannel]: (request: ParsedHostRequest<C>, context: Ctx) => Promise<HostResponse<C>>;
};

export function isHostChannel(name: string): name is HostChannel {
  return Object.hasOwn(HOST_CHANNELS, name);
}

/** A request or response that does not match its channel schema. */
export class HostPayloadError extends Error {
  override readonly name = 'HostPayloadError';
  constructor(
    readonly channel: HostChannel,
    readonly direction: 'request' | 'response',
    readonly detail: string,
  ) {
    super(`${channel}: invalid ${direction} (${detail})`);
  }
}

export function parseHostRequest<C extends HostChannel>(channel: C, raw: unknown): ParsedHostRequest<C> {
  const result = HOST_CHANNELS[channel][0].safeParse(raw);
  if (!result.success) throw new HostPayloadError(channel, 'request', summarise(result.error));
  return result.data as ParsedHostRequest<C>;
}

export function parseHostResponse<C extends HostChannel>(channel: C, raw: unknown): HostResponse<C> {
  const result = HOST_CHANNELS[channel][1].safeParse(raw);
  if (!result.success) throw new HostPayloadError(channel, 'response', summarise(result.error));
  return result.data as HostResponse<C>;
}

/** Parses the request, runs the handler, parses the response. */
export async function dispatchHostRequest<C extends HostChannel, Ctx>(
  handlers: HostHandlers<Ctx>,
  channel: C,
  raw: unknown,
  context: Ctx,
): Promise<HostResponse<C>> {
  const request = parseHostRequest(channel, raw);
  const handler = handlers[channel] as (request: ParsedHostRequest<C>, context: Ctx) => Promise<HostResponse<C>>;
  return parseHostResponse(channel, await handler(request, context));
}

function summarise(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
