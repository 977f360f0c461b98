-- A session that sets gridwork.audit_seal_at_insert links its rows to the chain as it inserts them.
-- The embedded database sets it: its one backend runs one transaction at a time, so the chain lock
-- queues nobody there, and sealing later cost a second version of every row (~100 µs each) in
-- rounds that every request waited behind. On PostgreSQL rows still arrive unsealed (0004).
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  IF current_setting('gridwork.audit_seal_at_insert', true) IS DISTINCT FROM 'on' THEN
    NEW.seq := NULL;
    NEW.prev_hash := '';
    NEW.hash := '';
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(726202);
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_log_digest(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor_id, NEW.actor_name, NEW.action,
    NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.ip, NEW.user_agent);
  RETURN NEW;
END $$;
