import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('esscHost', {});
