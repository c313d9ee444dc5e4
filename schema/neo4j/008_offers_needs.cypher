// Matching 2.0 (docs/matching.md#needfit): standing offers and needs of a profile and the posts of a
// Kooperationsbörse are found by their words, stemmed by a German and by an English analyzer.
// Neo4j allows one index per labels and properties, so the English index reads `query`: the same
// words as `text` (written by toTermQuery), already split. `kind` says OFFER or NEED on all three.
CREATE FULLTEXT INDEX offer_need_de IF NOT EXISTS FOR (n:Offer|Need|Post) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'german'}};
CREATE FULLTEXT INDEX offer_need_en IF NOT EXISTS FOR (n:Offer|Need|Post) ON EACH [n.query] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
