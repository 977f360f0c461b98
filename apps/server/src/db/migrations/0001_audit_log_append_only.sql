-- The audit log is append-only and hash-chained (see docs/ARCHITECTURE.md, "Audit log").
CREATE OR REPLACE FUNCTION audit_log_digest(
  prev_hash text, seq bigint, at timestamptz, actor_id uuid, actor_name text, action text,
  entity_type text, entity_id text, before jsonb, after jsonb, ip text, user_agent text
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(chr(31),
    prev_hash, seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(actor_id::text, ''), coalesce(actor_name, ''), action, coalesce(entity_type, ''),
    coalesce(entity_id, ''), coalesce(before::text, ''), coalesce(after::text, ''),
    coalesce(ip, ''), coalesce(user_agent, '')), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- Held to commit, so chain order equals commit order across sessions and app instances.
  PERFORM pg_advisory_xact_lock(726202);
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_log_digest(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor_id, NEW.actor_name, NEW.action,
    NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.ip, NEW.user_agent);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
