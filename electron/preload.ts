// The preload is a bridge only (no logic, no state): it exposes the one generic contract call and
// the backend's pushed events (what changed; shared/contract/channel.ts), never the IPC event
// object itself. Built as CommonJS because sandboxed preloads cannot be ES modules, and
// self-contained (a sandboxed preload can require only 'electron'): the channel names are
// repeated here, and a build test checks they match backend/security.ts.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const IPC_CALL = 'bancone:call';
const IPC_EVENT = 'bancone:event';

contextBridge.exposeInMainWorld('bancone', {
  call: (name: string, arg: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CALL, name, arg),
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const relay = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(IPC_EVENT, relay);
    return () => { ipcRenderer.removeListener(IPC_EVENT, relay); };
  },
  platform: 'electron',
});
