// The back office page's walls bite (srv-backoffice, issue #14): linted with the repo's own
// eslint.config.js as files inside backoffice/ (nothing written) and type-checked in its own program
// (scripts/typecheck.mjs), it is a web page like the renderer — the server only over HTTP.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLayer, root } from '../../scripts/typecheck.mjs';

let eslint: ESLint;
beforeAll(() => { eslint = new ESLint({ cwd: root }); });

async function wallLines(file: string, lines: string[]): Promise<number[]> {
  const [r] = await eslint.lintText(lines.join('\n'), { filePath: join(root, file) });
  expect(r!.messages.filter((m) => m.ruleId === null && m.severity === 2)).toEqual([]);
  return r!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.line).sort((a, b) => a - b);
}

describe('backoffice/: a web page served by the shop server', () => {
  it('refuses the server, the backend, the renderer\'s features and shell, Node, pg and Electron', async () => {
    expect(await wallLines('backoffice/src/probe.ts', [
      "import { shopReport } from '../../server/backoffice/reports.js';",
      "import { xReport } from '../../backend/reports/report.js';",
      "import { App } from '../../renderer/src/app/App.js';",
      "import { readFile } from 'node:fs/promises';",
      "import pg from 'pg';",
      "import { ipcRenderer } from 'electron';",
    ])).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('allows React, zustand, i18next, shared/ and the renderer\'s kit', async () => {
    expect(await wallLines('backoffice/src/probe.tsx', [
      "import { useState } from 'react';",
      "import { create } from 'zustand';",
      "import { useTranslation } from 'react-i18next';",
      "import { formatEuro } from '../../shared/money.js';",
      "import { Money } from '../../renderer/src/kit/ui.js';",
      "import './backoffice.css';",
    ])).toEqual([]);
  });
  it('type-checks with the DOM and without Node', () => {
    const file = join(root, 'backoffice', '__walls_probe__', 'probe.ts');
    const { diagnostics } = checkLayer('backoffice', { extra: { [file]: "export const b = Buffer.from('x');\nexport const w = window.innerWidth;\n" }, probesOnly: true });
    const lines = diagnostics.filter((d) => d.file?.fileName === file).map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
    expect(lines).toEqual([1]);
  }, 180_000);
});
