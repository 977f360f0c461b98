ALTER TABLE "audit_log" ALTER COLUMN "seq" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
-- Writers no longer take the chain lock: a row arrives unsealed and audit_log_seal() links it.
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := NULL;
  NEW.prev_hash := '';
  NEW.hash := '';
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Links unsealed rows (oldest first) to the chain; one sealer at a time, so the chain stays a line.
CREATE OR REPLACE FUNCTION audit_log_seal(batch integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  pending record;
  sealed integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(726202);
  PERFORM set_config('gridwork.audit_sealing', 'on', true);
  SELECT a.seq, a.hash INTO last_seq, last_hash FROM audit_log a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  FOR pending IN SELECT id FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT batch LOOP
    last_seq := last_seq + 1;
    UPDATE audit_log SET seq = last_seq, prev_hash = last_hash,
      hash = audit_log_digest(last_hash, last_seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, ip, user_agent)
      WHERE id = pending.id
      RETURNING hash INTO last_hash;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('gridwork.audit_sealing', 'off', true);
  RETURN sealed;
END $$;
--> statement-breakpoint
-- Only the sealing step may touch a row, only an unsealed one, and only its chain columns.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('gridwork.audit_sealing', true) = 'on' AND OLD.seq IS NULL
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
     AND NEW.entity_type IS NOT DISTINCT FROM OLD.entity_type AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
     AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip AND NEW.user_agent IS NOT DISTINCT FROM OLD.user_agent THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
SELECT audit_log_seal(2147483647);
