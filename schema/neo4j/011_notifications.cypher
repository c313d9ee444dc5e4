// Notifications (docs/follow-through.md#notifications-and-e-mails): the outbox written in the
// transaction of each change. The dispatcher looks for due e-mails by status and time, the
// in-app list reads a partner's notifications newest first, and each process's feed reads the
// ones created in the last minute.
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE INDEX notification_due IF NOT EXISTS FOR (n:Notification) ON (n.emailStatus, n.nextAttemptAt);
CREATE INDEX notification_partner IF NOT EXISTS FOR (n:Notification) ON (n.partnerId, n.createdAt);
CREATE INDEX notification_created IF NOT EXISTS FOR (n:Notification) ON (n.createdAt);
