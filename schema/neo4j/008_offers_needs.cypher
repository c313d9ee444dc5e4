// Matching 2.0 (docs/matching.md#needfit): standing offers and needs of a profile and the posts of a
// Kooperationsbörse are found by their text. One index per analyzer, so German and English texts
// are both stemmed; each covers all three labels, whose `kind` property says OFFER or NEED.
CREATE FULLTEXT INDEX offer_need_de IF NOT EXISTS FOR (n:Offer|Need|Post) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'german'}};
CREATE FULLTEXT INDEX offer_need_en IF NOT EXISTS FOR (n:Offer|Need|Post) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
CREATE INDEX partner_scope IF NOT EXISTS FOR (p:Partner) ON (p.scope);
