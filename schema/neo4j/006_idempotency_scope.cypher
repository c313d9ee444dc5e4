// Idempotency keys belong to their caller (token subject, or client address for PUBLIC): the key
// is unique per (scope, key, operation), no longer per (key, operation) across all callers. Keys
// of the old kind have no scope and are never matched again; the expiry sweep of runWrite drops
// them with the others after a day.
DROP CONSTRAINT idempotency_key IF EXISTS;
CREATE CONSTRAINT idempotency_key_scoped IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE (k.scope, k.key, k.operation) IS UNIQUE;
CREATE INDEX idempotency_key_at IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.at);
