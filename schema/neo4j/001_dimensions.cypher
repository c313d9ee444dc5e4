// Migrations are recorded as (:Migration {id}) nodes; the id must be unique.
CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (m:Migration) REQUIRE m.id IS UNIQUE;

// The seven diversity dimensions are reference data, keyed by a stable key.
CREATE CONSTRAINT dimension_key IF NOT EXISTS FOR (d:Dimension) REQUIRE d.key IS UNIQUE;
