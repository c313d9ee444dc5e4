// Outcomes and the cooperation funnel (docs/follow-through.md#outcomes-and-the-funnel).
// An Outcome is a partner's private note on what came of a pair: one per (author, other partner),
// a newer one replaces the older, so the pair is unique and the matching reads a seeker's own by author.
CREATE CONSTRAINT outcome_id IF NOT EXISTS FOR (o:Outcome) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT outcome_pair IF NOT EXISTS FOR (o:Outcome) REQUIRE (o.byPartnerId, o.aboutPartnerId) IS UNIQUE;
CREATE INDEX outcome_by IF NOT EXISTS FOR (o:Outcome) ON (o.byPartnerId);
CREATE INDEX outcome_at IF NOT EXISTS FOR (o:Outcome) ON (o.at);
// Suggestions viewed: one counter per day and stage, no partner ids (see SuggestionViews).
CREATE CONSTRAINT funnel_counter_day IF NOT EXISTS FOR (f:FunnelCounter) REQUIRE (f.day, f.stage) IS UNIQUE;
