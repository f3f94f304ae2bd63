// The preload is a bridge only (no logic, no state): it exposes the one generic contract call and
// the status subscription. Built as CommonJS because sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const IPC_CALL = 'bancone:call';
const IPC_STATUS = 'bancone:status';

contextBridge.exposeInMainWorld('bancone', {
  call: (name: string, arg: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CALL, name, arg),
  onStatus: (listener: (status: unknown) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, status: unknown) => listener(status);
    ipcRenderer.on(IPC_STATUS, handler);
    return () => ipcRenderer.removeListener(IPC_STATUS, handler);
  },
  platform: 'electron',
});
