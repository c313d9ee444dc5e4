// Outreach (docs/analytics.md#outreach): a coordinator's record of approaching a partner
// (invited, contacted, answered), one node per contact, listed per partner newest first.
CREATE CONSTRAINT outreach_id IF NOT EXISTS FOR (o:Outreach) REQUIRE o.id IS UNIQUE;
CREATE INDEX outreach_partner_at IF NOT EXISTS FOR (o:Outreach) ON (o.partnerId, o.at);
