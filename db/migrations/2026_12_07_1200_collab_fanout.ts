import { sql, type Kysely } from 'kysely'

// Fan-out of co-editing between collab-server instances (ADR 051). Every statement that appends
// to the update log sends, when it commits, NOTIFY scp_collab_updates naming the rows it stored:
// a first line with the writer's application_name (each collab-server instance sets its own, so
// it can skip what it wrote itself), then one line "<seq> <document>" per row, followed by the
// update itself in base64 when it is small (a keystroke is a few dozen bytes), which spares the
// other instances a query to read it. A payload is at most 8,000 bytes, so the rows are split
// over as many notifications as needed. NOTIFY is only delivered at commit: an instance never
// hears of a row before it is stored.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION scp_collab_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      header text := coalesce(current_setting('application_name', true), '');
      body text := '';
      line text;
      r record;
    BEGIN
      FOR r IN
        SELECT seq, doc_name,
          CASE WHEN octet_length(update) <= 1500 THEN translate(encode(update, 'base64'), chr(10), '') END AS inline
        FROM new_rows ORDER BY seq
      LOOP
        line := chr(10) || r.seq || ' ' || r.doc_name || coalesce(' ' || r.inline, '');
        IF octet_length(header) + octet_length(body) + octet_length(line) > 7900 THEN
          PERFORM pg_notify('scp_collab_updates', header || body);
          body := '';
        END IF;
        body := body || line;
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
