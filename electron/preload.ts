// The preload is a bridge only (no logic, no state): it exposes the one generic contract call.
// Status is polled through the contract ('status.get'), as in browser mode. Built as CommonJS
// because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CALL = 'bancone:call';

contextBridge.exposeInMainWorld('bancone', {
  call: (name: string, arg: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CALL, name, arg),
  platform: 'electron',
});
