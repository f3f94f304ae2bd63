// Every test file keeps data keys in a folder of its own, never in the developer's real keyring or
// ~/.config (backend/keyring/data-key.ts): the OS keyring is off, the config folder is a temporary one.
// Tests of the keyring itself inject one (test/unit/sync/data-key.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.BANCONE_KEYRING = 'off';
process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'bancone-config-'));
