// Kooperationsbörse: exchanges, their posts and matches, and their event log (docs/exchange.md).
CREATE CONSTRAINT exchange_id IF NOT EXISTS FOR (x:Exchange) REQUIRE x.id IS UNIQUE;
CREATE INDEX exchange_status IF NOT EXISTS FOR (x:Exchange) ON (x.status);
CREATE INDEX exchange_created_at IF NOT EXISTS FOR (x:Exchange) ON (x.createdAt);
CREATE CONSTRAINT post_id IF NOT EXISTS FOR (p:Post) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT exchange_match_id IF NOT EXISTS FOR (m:ExchangeMatch) REQUIRE m.id IS UNIQUE;
// One match per pair of partners and exchange, even if two writers raced past the lock.
CREATE CONSTRAINT exchange_match_pair IF NOT EXISTS FOR (m:ExchangeMatch) REQUIRE (m.exchangeId, m.pairKey) IS UNIQUE;
// One event per sequence number of an exchange; also the index that replays read by.
CREATE CONSTRAINT exchange_event_sequence IF NOT EXISTS FOR (e:ExchangeEvent) REQUIRE (e.exchangeId, e.sequence) IS UNIQUE;
