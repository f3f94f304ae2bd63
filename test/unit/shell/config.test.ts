import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveConfig } from '../../../backend/config.js';
import { RENDERER_CSP } from '../../../backend/security.js';

describe('runtime configuration', () => {
  it('uses BANCONE_DATA_DIR when set and keeps the ledger inside it', () => {
    const c = resolveConfig({ BANCONE_DATA_DIR: '/srv/negozio', BANCONE_PRINTER: 'tcp://127.0.0.1:9100', BANCONE_OPENAPI_TOKEN: 'tok' });
    expect(c.dataDir).toBe('/srv/negozio');
    expect(c.dbFile).toBe('/srv/negozio/bancone.db');
    expect(c.printer).toBe('tcp://127.0.0.1:9100');
    expect(c.openapiToken).toBe('tok');
    expect(c.openapiUrl).toBeUndefined();
  });

  it('defaults to the OS app-data folder like Electron would', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Bancone');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming[\\/]Bancone$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Bancone$/);
    expect(resolveConfig({ BANCONE_DATA_DIR: '' , XDG_CONFIG_HOME: '/x' }).dataDir).toMatch(/Bancone$/);
  });
});

describe('shell security policy', () => {
  // Which pages are trusted (app://bancone/ only, or the dev server): test/unit/shell/navigation.test.ts.
  it('CSP forbids inline code, eval, plugins and framing', () => {
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).toContain("object-src 'none'");
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe/);
  });
});
