-- Every app instance keeps the sessions it has just checked for a moment (identity.service.ts). A
-- change that can take access away tells all instances when it commits: a session ended (logout,
-- password change, expiry) or an account changed (disabled, password, roles: 0016 raises
-- access_version). A login (last_login_at) or a session touch does not, as no copy goes stale by it.
-- NOTIFY queues commits behind each other, which is why it is kept to these rare changes.
CREATE OR REPLACE FUNCTION identity_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Sent once per transaction: PostgreSQL folds equal notifications.
  PERFORM pg_notify('gridwork_identity', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_ended_notify AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION identity_changed_notify();
--> statement-breakpoint
CREATE TRIGGER users_changed_notify AFTER UPDATE ON users FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_login_at' - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_login_at' - 'updated_at'))
  EXECUTE FUNCTION identity_changed_notify();
--> statement-breakpoint
CREATE TRIGGER users_removed_notify AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION identity_changed_notify();
