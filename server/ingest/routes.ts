// POST /till/journal (auth: the till's token): a till's journal entries with the rows they record
// and its report → {ackSeq, chainBrokenAt}. The till is the token's, never the body's.
import { UploadRequestSchema } from '../../shared/server-api.js';
import type { Route } from '../router.js';
import { parseBody } from '../body.js';
import { ingestJournal } from './journal.js';

/** 200 entries with their documents: a few MB at most (a Z's snapshot is the largest piece). */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

export const ingestRoutes: readonly Route[] = [
  {
    method: 'POST', path: '/till/journal', auth: 'till',
    async handle({ pool, clock, json, till }) {
      const body = parseBody(UploadRequestSchema, await json(MAX_UPLOAD_BYTES));
      return { json: await ingestJournal(pool, till!, body, clock) };
    },
  },
];
