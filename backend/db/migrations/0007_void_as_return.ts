// A void that reaches the API after the 24 h window (the till was offline) cannot be a DELETE any
// more: it is transmitted as a full return of the sale. The local document stays a void (the money
// was refunded at the counter); this column records how the sync actually sent it, so a look-up after
// an ambiguous failure searches the sale's return children and a resend never switches to a DELETE.
export const sql = /* sql */ `
ALTER TABLE outbox ADD COLUMN sent_as TEXT CHECK (sent_as IS NULL OR sent_as = 'return');
`;
