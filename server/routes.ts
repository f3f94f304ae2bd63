// Every route of the server, by module. A module adds its list here and nothing else.
import type { Route } from './router.js';
import { pairingRoutes } from './pairing-routes.js';
import { backofficeRoutes } from './backoffice/routes.js';
import { masterRoutes } from './master/routes.js';
import { ingestRoutes } from './ingest/routes.js';

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/health', auth: 'none', async handle({ pool }) { await pool.query('SELECT 1'); return { json: { ok: true } }; } },
  ...pairingRoutes,
  ...backofficeRoutes,
  ...masterRoutes,
  ...ingestRoutes,
];
