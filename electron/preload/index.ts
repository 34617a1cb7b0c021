// The sandboxed preload (built as one CommonJS file, out/preload/index.cjs). It exposes
// window.esscHost implementing HostApi; ipcRenderer, the IPC event object and every other
// Electron API stay on this side of the bridge (convention 4). Main validates everything.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadHostApi } from './host-bridge';

// Wrapped so the renderer can never obtain ipcRenderer (not even as `this`).
contextBridge.exposeInMainWorld(
  'esscHost',
  createPreloadHostApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
