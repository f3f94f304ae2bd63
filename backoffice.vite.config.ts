// The back office page (backoffice/, issue #14) → out/backoffice, served by `bancone server` at /.
// Its own Vite build beside the renderer's (electron-vite's config has three Electron targets and no
// slot for a fourth page); `npm run build` runs it. Relative asset paths, no inline script (the
// server's policy is script-src 'self').
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
export const BACKOFFICE_OUT_DIR = resolve(root, 'out', 'backoffice');

export default defineConfig({
  root: resolve(root, 'backoffice'),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: BACKOFFICE_OUT_DIR,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
