// The alliance graph: partners, topics, districts, cooperations, events.
CREATE CONSTRAINT partner_id IF NOT EXISTS FOR (p:Partner) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT topic_key IF NOT EXISTS FOR (t:Topic) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT district_key IF NOT EXISTS FOR (d:District) REQUIRE d.key IS UNIQUE;
CREATE CONSTRAINT cooperation_id IF NOT EXISTS FOR (c:Cooperation) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;

// Filters and orderings of partners(...).
CREATE INDEX partner_sector IF NOT EXISTS FOR (p:Partner) ON (p.sector);
CREATE INDEX partner_status IF NOT EXISTS FOR (p:Partner) ON (p.status);
CREATE INDEX partner_name IF NOT EXISTS FOR (p:Partner) ON (p.name);
CREATE INDEX partner_joined_on IF NOT EXISTS FOR (p:Partner) ON (p.joinedOn);
CREATE INDEX partner_cooperation_count IF NOT EXISTS FOR (p:Partner) ON (p.cooperationCount);
CREATE INDEX partner_last_active_on IF NOT EXISTS FOR (p:Partner) ON (p.lastActiveOn);
CREATE INDEX district_borough IF NOT EXISTS FOR (d:District) ON (d.boroughKey);

// Filters of cooperations(...) and events(...).
CREATE INDEX cooperation_kind IF NOT EXISTS FOR (c:Cooperation) ON (c.kind);
CREATE INDEX cooperation_status IF NOT EXISTS FOR (c:Cooperation) ON (c.status);
CREATE INDEX cooperation_started_on IF NOT EXISTS FOR (c:Cooperation) ON (c.startedOn);
CREATE INDEX event_kind IF NOT EXISTS FOR (e:Event) ON (e.kind);
CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.date);

// Full-text search over partner names and descriptions.
CREATE FULLTEXT INDEX partner_search IF NOT EXISTS FOR (p:Partner) ON EACH [p.name, p.description];
