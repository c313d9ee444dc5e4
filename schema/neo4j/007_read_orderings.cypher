// Every ordering of a root connection reads a range index in order (src/reads/read-roots.ts):
// cooperations ordered by TITLE sorted every cooperation without one.
CREATE INDEX cooperation_title IF NOT EXISTS FOR (c:Cooperation) ON (c.title);
