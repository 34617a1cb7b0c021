// Module Web Worker: verifies and buckets a revocation list off the UI thread.
import '../kiosk/zod-jitless';
import { handlePrepRequest, type PrepReply, type PrepRequest } from './revocation-prep';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PrepRequest>) => void) | null;
  postMessage(message: PrepReply): void;
};

scope.onmessage = async (event) => {
  scope.postMessage(await handlePrepRequest(event.data));
};
