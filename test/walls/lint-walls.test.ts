// The linter's walls bite (issue #11, finding 3): each probe is linted with the repo's own
// eslint.config.js as if it were a file inside a layer (ESLint's lintText with a filePath there;
// nothing is written), and each crossing must be an error of layers/imports, while the imports a
// layer needs must pass. If a wall is removed or widened in eslint.config.js, its test here fails.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => { eslint = new ESLint({ cwd: root }); });

interface Found { rule: string | null; severity: number; message: string; line: number }

/** Lints `code` as the file `file` (repo-relative) and returns everything ESLint says. */
async function lint(file: string, code: string): Promise<Found[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  const found = result!.messages.map((m) => ({ rule: m.ruleId, severity: m.severity, message: m.message, line: m.line }));
  // A probe that does not parse proves nothing.
  expect(found.filter((m) => m.rule === null && m.severity === 2)).toEqual([]);
  return found;
}

/** The wall errors of a probe, one per line of code (each probe line is one import). */
async function walls(file: string, code: string): Promise<Found[]> {
  return (await lint(file, code)).filter((m) => m.rule === 'layers/imports');
}

/** Asserts that every given line of `code` is refused by a wall, and shows which said what. */
async function expectRefused(file: string, lines: string[], says?: RegExp): Promise<void> {
  const errors = await walls(file, lines.join('\n'));
  for (const e of errors) expect(e.severity).toBe(2);
  expect(errors.map((e) => e.line).sort((a, b) => a - b)).toEqual(lines.map((_, i) => i + 1));
  if (says) for (const e of errors) expect(e.message).toMatch(says);
}

async function expectAllowed(file: string, lines: string[]): Promise<void> {
  expect(await walls(file, lines.join('\n'))).toEqual([]);
}

describe('shared/: pure domain, runs everywhere', () => {
  it('refuses Node built-ins, by bare name and with node:, also the ones a deny-list forgot', async () => {
    await expectRefused('shared/probe.ts', [
      "import { EventEmitter } from 'events';",
      "import { gzipSync } from 'zlib';",
      "import { readFile } from 'node:fs/promises';",
      "import { setTimeout as sleep } from 'timers/promises';",
    ], /Node built-in/);
  });
  it('refuses packages with I/O or UI, and every folder of ours but shared/', async () => {
    await expectRefused('shared/contract/probe.ts', [
      "import Database from 'better-sqlite3';",
      "import { useState } from 'react';",
      "import { create } from 'zustand';",
      "import { app } from 'electron';",
      "import { openLedger } from '../../backend/db/open.js';",
      "import { Cart } from '../../renderer/src/features/counter/Cart.js';",
      "import { startEmulator } from '../../emulators/openapi/index.js';",
      "import { SHOP } from '../../test/fixtures/documents.js';",
      "import cfg from '../../electron.vite.config.js';",
    ]);
  });
  it('refuses export … from across the wall', async () => {
    await expectRefused('shared/probe.ts', [
      "export * from '../backend/status.js';",
      "export { openLedger } from '../backend/db/open.js';",
      "export type { Env } from '../backend/config.js';",
    ], /may not import backend\//);
  });
  it('refuses require(), import() and the type of an import()', async () => {
    await expectRefused('shared/probe.ts', [
      "const fs = require('fs');",
      "const z = await import('node:zlib');",
      "type Fs = typeof import('node:fs');",
      "const b = await import('../backend/status.js');",
    ]);
  });
  it('refuses Node or DOM globals brought in by a /// reference', async () => {
    await expectRefused('shared/probe.ts', ['/// <reference types="node" />', '/// <reference lib="dom" />']);
  });
  it('allows its own folder and its pure packages', async () => {
    await expectAllowed('shared/contract/probe.ts', [
      "import { z } from 'zod';",
      "import { format } from 'date-fns';",
      "import { TZDate } from '@date-fns/tz';",
      "import { euro } from '../money.js';",
      "export * from './index.js';",
      "const m = await import('../money.js');",
    ]);
  });
});

describe('backend/: plain Node', () => {
  it('refuses test code, the renderer, Electron and React', async () => {
    await expectRefused('backend/cli/commands/probe.ts', [
      "import { fakeOpenapi } from '../../../test/fakes/openapi.js';",
      "import { SHOP } from '../../../test/fixtures/documents.js';",
      "import { App } from '../../../renderer/src/app/App.js';",
      "import { app } from 'electron';",
      "import { ipcMain } from 'electron/main';",
      "import React from 'react';",
      "import { startEmulator } from '../../../emulators/openapi/index.js';",
    ]);
  });
  it('refuses a test import also by require() and import()', async () => {
    await expectRefused('backend/api/probe.ts', [
      "const t = require('../../test/fixtures/documents.js');",
      "const u = await import('../../test/fixtures/documents.js');",
    ], /may not import test\//);
  });
  it('refuses an import() it cannot check (a template with a value in it, a computed path)', async () => {
    await expectRefused('backend/cli/probe.ts', [
      'const m = await import(`./commands/${name}.js`);',
      'const n = await import(pathToFileURL(file).href);',
      'const o = require(name);',
    ], /cannot be checked/);
  });
  it('checks a template import() without values like a string', async () => {
    await expectRefused('backend/cli/probe.ts', ['const m = await import(`../../test/fixtures/documents.js`);'], /may not import test\//);
    await expectAllowed('backend/cli/probe.ts', ['const m = await import(`./commands/status.js`);']);
  });
  it('allows Node, its own packages, shared/ and itself', async () => {
    await expectAllowed('backend/ledger/probe.ts', [
      "import Database from 'better-sqlite3';",
      "import { createHash } from 'node:crypto';",
      "import { join } from 'path';",
      "import PDFDocument from 'pdfkit';",
      "import iconv from 'iconv-lite';",
      "import { z } from 'zod';",
      "import { euro } from '../../shared/money.js';",
      "import { writeStmt } from '../db/statements.js';",
    ]);
  });
  it('lets only the demo (bancone serve) start the emulators', async () => {
    await expectAllowed('backend/cli/commands/serve.ts', [
      "const { startEmulator } = await import('../../../emulators/openapi/index.js');",
      "import { startVirtualPrinter } from '../../../emulators/escpos-printer.js';",
    ]);
    await expectRefused('backend/cli/commands/serve.ts', ["import { SHOP } from '../../../test/fixtures/documents.js';"]);
  });
});

describe('emulators/: stand-ins, on their own', () => {
  it('refuses the backend they stand in for, and test code', async () => {
    await expectRefused('emulators/openapi/probe.ts', [
      "import { openLedger } from '../../backend/db/open.js';",
      "import { SHOP } from '../../test/fixtures/documents.js';",
      "import Database from 'better-sqlite3';",
    ]);
  });
  it('allows Node, zod and shared/', async () => {
    await expectAllowed('emulators/openapi/probe.ts', [
      "import { createServer } from 'node:http';",
      "import { z } from 'zod';",
      "import { receiptRequest } from '../../shared/openapi/schemas.js';",
    ]);
  });
});

describe('electron/: the shell', () => {
  it('may import electron, Node, the backend and shared/', async () => {
    await expectAllowed('electron/probe.ts', [
      "import { app, BrowserWindow } from 'electron';",
      "import { join } from 'node:path';",
      "import { startTill } from '../backend/programs/till.js';",
      "import { euro } from '../shared/money.js';",
    ]);
  });
  it('never the renderer, the tests or the emulators', async () => {
    await expectRefused('electron/probe.ts', [
      "import { App } from '../renderer/src/app/App.js';",
      "import { SHOP } from '../test/fixtures/documents.js';",
      "import { startEmulator } from '../emulators/openapi/index.js';",
      "import React from 'react';",
    ]);
  });
});

describe('renderer/: a web page', () => {
  it('refuses Node built-ins (url too), Electron and SQLite', async () => {
    await expectRefused('renderer/src/app/probe.ts', [
      "import { fileURLToPath } from 'url';",
      "import { Buffer } from 'node:buffer';",
      "import { ipcRenderer } from 'electron';",
      "import Database from 'better-sqlite3';",
    ]);
  });
  it('refuses the backend also through a dynamic import(), require() or import.meta.glob', async () => {
    await expectRefused('renderer/src/app/probe.ts', [
      "const m = await import('../../../backend/api/dispatcher.js');",
      "const s = require('../../../backend/status.js');",
      "const all = import.meta.glob('../../../backend/**/*.ts');",
      "const demo = import.meta.glob(['./*.tsx', '../../../emulators/*.ts']);",
      "export * from '../../../backend/status.js';",
      "type D = typeof import('../../../backend/api/dispatcher.js');",
    ], /may not import (backend|emulators)\//);
  });
  it('refuses an import() it cannot check', async () => {
    await expectRefused('renderer/src/app/probe.ts', [
      'const screen = await import(`../features/${name}/index.tsx`);',
      'const glob = import.meta.glob(pattern);',
    ], /cannot be checked/);
  });
  it('refuses Node types by reference', async () => {
    await expectRefused('renderer/src/probe.ts', ['/// <reference types="node" />']);
  });
  it('allows React and its state, CSS and assets, shared/, and zod only for types', async () => {
    await expectAllowed('renderer/src/app/probe.tsx', [
      "import { useState } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { create } from 'zustand';",
      "import i18next from 'i18next';",
      "import { useTranslation } from 'react-i18next';",
      "import './app.css';",
      "import logo from './logo.svg?url';",
      "import type { z } from 'zod';",
      "import { euro } from '../../../shared/money.js';",
      "import { SaleScreen } from '../features/counter/SaleScreen.js';",
    ]);
    await expectRefused('renderer/src/app/probe.tsx', ["import { z } from 'zod';"]);
  });
});

describe('inside the renderer: api ← kit ← features ← app', () => {
  it('a feature never imports another feature nor the shell', async () => {
    await expectRefused('renderer/src/features/counter/probe.tsx', [
      "import { HistoryScreen } from '../history/HistoryScreen.js';",
      "import { App } from '../../app/App.js';",
      "export * from '../returns/store.js';",
      "const s = await import('../settings/SettingsScreen.js');",
      "import { main } from '../../main.js';",
    ]);
  });
  it('a feature uses its own folder, kit/, api/ and shared/', async () => {
    await expectAllowed('renderer/src/features/counter/probe.tsx', [
      "import { Cart } from './Cart.js';",
      "import { Dialog } from '../../kit/ui.js';",
      "import { client } from '../../api/client.js';",
      "import { euro } from '../../../../shared/money.js';",
      "import './counter.css';",
    ]);
  });
  it('kit/ knows no feature and no shell; api/ knows nothing above it', async () => {
    await expectRefused('renderer/src/kit/probe.ts', [
      "import { useSale } from '../features/counter/sale-store.js';",
      "import { App } from '../app/App.js';",
    ]);
    await expectAllowed('renderer/src/kit/probe.ts', ["import { client } from '../api/client.js';", "import { t } from './i18n.js';"]);
    await expectRefused('renderer/src/api/probe.ts', [
      "import { t } from '../kit/i18n.js';",
      "import { useSale } from '../features/counter/sale-store.js';",
      "import { App } from '../app/App.js';",
    ]);
  });
  it('the shell (app/) may import every feature and the kit', async () => {
    await expectAllowed('renderer/src/app/probe.tsx', [
      "import { HistoryScreen } from '../features/history/HistoryScreen.js';",
      "import { Dialog } from '../kit/ui.js';",
      "import { client } from '../api/client.js';",
    ]);
  });
});

describe('test/, bench/, scripts/: anything but the Electron binary', () => {
  it('refuses electron, allows the rest (every layer, computed imports)', async () => {
    await expectRefused('test/unit/probe.test.ts', ["import { app } from 'electron';"], /Electron cannot run here/);
    await expectRefused('bench/probe.bench.ts', ["const e = await import('electron');"]);
    await expectRefused('scripts/probe.mjs', ["const e = require('electron');"]);
    await expectAllowed('test/unit/probe.test.ts', [
      "import { openLedger } from '../../backend/db/open.js';",
      "import { App } from '../../renderer/src/app/App.js';",
      "import { startEmulator } from '../../emulators/openapi/index.js';",
      "import { gzipSync } from 'node:zlib';",
      'const m = await import(`../fixtures/${name}.js`);',
    ]);
    await expectAllowed('scripts/probe.mjs', ["const v = require('electron/package.json').version;"]);
  });
});

describe('the walls cannot be switched off where they matter', () => {
  it('an eslint-disable comment in product code silences nothing and is itself reported', async () => {
    const found = await lint('shared/probe.ts', "// eslint-disable-next-line layers/imports\nimport { EventEmitter } from 'events';");
    expect(found.some((m) => m.rule === 'layers/imports' && m.severity === 2)).toBe(true);
    expect(found.some((m) => /has no effect/.test(m.message))).toBe(true);
    const all = await lint('renderer/src/app/probe.ts', "/* eslint-disable */\nimport { fileURLToPath } from 'url';");
    expect(all.some((m) => m.rule === 'layers/imports' && m.severity === 2)).toBe(true);
  });
  it('a file in a folder that is no layer may import nothing until it is given an allow-list', async () => {
    await expectRefused('nolayer/probe.ts', ["import { euro } from '../shared/money.js';", "import { z } from 'zod';"]);
  });
});
