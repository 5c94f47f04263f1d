-- History is never lost: the database itself refuses to change or remove a status event.
CREATE FUNCTION status_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'status_events is append-only: % refused', TG_OP
    USING ERRCODE = 'integrity_constraint_violation',
          HINT = 'Record a correction: a new event that names the event it supersedes.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER status_events_no_update_delete
  BEFORE UPDATE OR DELETE ON status_events
  FOR EACH ROW EXECUTE FUNCTION status_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER status_events_no_truncate
  BEFORE TRUNCATE ON status_events
  FOR EACH STATEMENT EXECUTE FUNCTION status_events_refuse_change();
