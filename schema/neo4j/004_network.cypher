// The graph's data version: every writer bumps (:DataVersion {id: 'graph'}).value in its own
// transaction; the network cache compares it. Unique, so that concurrent first writes MERGE one node.
CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (v:DataVersion) REQUIRE v.id IS UNIQUE;
