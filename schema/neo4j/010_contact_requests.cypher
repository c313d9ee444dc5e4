// Contact requests with consent (docs/follow-through.md#contact-requests): one node per request,
// found by id, by the pair of partners (repeats, cool-down), by requester or target (the open
// limit, myContactRequests) and by date (contactRequestStats).
CREATE CONSTRAINT contact_request_id IF NOT EXISTS FOR (r:ContactRequest) REQUIRE r.id IS UNIQUE;
CREATE INDEX contact_request_pair IF NOT EXISTS FOR (r:ContactRequest) ON (r.pairKey);
CREATE INDEX contact_request_from IF NOT EXISTS FOR (r:ContactRequest) ON (r.fromPartnerId);
CREATE INDEX contact_request_to IF NOT EXISTS FOR (r:ContactRequest) ON (r.toPartnerId);
CREATE INDEX contact_request_created_at IF NOT EXISTS FOR (r:ContactRequest) ON (r.createdAt);
