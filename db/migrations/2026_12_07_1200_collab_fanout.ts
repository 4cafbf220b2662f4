import { sql, type Kysely } from 'kysely'

// Fan-out of co-editing between collab-server instances (ADR 051). Every statement that appends
// to the update log sends, when it commits, NOTIFY scp_collab_updates naming the rows it stored:
// a first line with the writer's application_name (each collab-server instance sets its own, so
// it can skip what it wrote itself), then one line "<seq> <document>" per row. A payload is at
// most 8,000 bytes, so the rows are split over as many notifications as needed. NOTIFY is only
// delivered at commit: an instance never hears of a row before it is stored.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION scp_collab_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      header text := coalesce(current_setting('application_name', true), '');
      body text := '';
      r record;
    BEGIN
      FOR r IN SELECT seq, doc_name FROM new_rows ORDER BY seq LOOP
        IF octet_length(body) + octet_length(r.doc_name) > 7000 THEN
          PERFORM pg_notify('scp_collab_updates', header || body);
          body := '';
        END IF;
        body := body || E'\n' || r.seq || ' ' || r.doc_name;
      END LOOP;
      IF body <> '' THEN
        PERFORM pg_notify('scp_collab_updates', header || body);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER collab_updates_fanout AFTER INSERT ON collab_updates REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scp_collab_fanout()`.execute(
    db,
  )
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER collab_updates_fanout ON collab_updates`.execute(db)
  await sql`DROP FUNCTION scp_collab_fanout()`.execute(db)
}
