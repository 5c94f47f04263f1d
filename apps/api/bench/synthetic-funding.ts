/**
 * Synthetic funding data for the national scale benchmark (decision 0034): town-wide concepts (one per
 * municipality that adopted in the synthetic history, municipal, linked to nothing else) and measures spread
 * over the municipalities and programmes with yearly federal amounts, deterministic by seed. Written straight
 * into the tables (as the registry and the history are), then ANALYZE.
 */
import pg from "pg";
import { mulberry32 } from "../src/lib/seeded-random.js";

const PROGRAMMES = [
  ["lebendige-zentren", 0.3],
  ["sozialer-zusammenhalt", 0.15],
  ["wachstum-nachhaltige-erneuerung", 0.15],
  ["efre-nachhaltige-stadtentwicklung", 0.05],
  ["staedtebaulicher-denkmalschutz", 0.1],
  ["stadtumbau-ost", 0.08],
  ["soziale-stadt", 0.05],
  ["leader", 0.07],
  ["vitale-dorfkerne", 0.05],
] as const;

const STATES = [
  ["running", 0.6],
  ["paused", 0.05],
  ["fully_funded", 0.15],
  ["settled", 0.2],
] as const;

function weighted<T extends string>(random: () => number, table: readonly (readonly [T, number])[]): T {
  let x = random() * table.reduce((n, [, w]) => n + w, 0);
  for (const [value, weight] of table) {
    x -= weight;
    if (x <= 0) return value;
  }
  return (table[table.length - 1] as readonly [T, number])[0];
}

export async function loadSyntheticFunding(url: string, options: { measures: number; seed: number; year: number }): Promise<{ measures: number; concepts: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin");
    // One municipal INSEK per municipality with an adoption in the history (what migration 0016 would link).
    const concepts = await client.query(`
      insert into concepts (title, kind, scope, lead_ags, origin)
      select 'INSEK ' || m.display_name, 'INSEK', 'municipal', m.ags, 'history'
      from municipalities m where exists (select 1 from status_events e where e.ags = m.ags and e.status = 'council_adopted')`);
    await client.query(`insert into concept_members (concept_id, ags, lead, position) select c.id, c.lead_ags, true, 0 from concepts c`);

    const { rows } = await client.query<{ ags: string }>("select ags from municipalities where valid_to is null order by ags");
    const random = mulberry32(options.seed);
    const ags: string[] = [];
    const programme: string[] = [];
    const names: string[] = [];
    const start: number[] = [];
    const end: (number | null)[] = [];
    const state: string[] = [];
    for (let i = 0; i < options.measures; i += 1) {
      // Larger shares for a few: about a third of the municipalities get measures, some several.
      const index = Math.floor(random() ** 1.6 * rows.length);
      const s = weighted(random, STATES);
      const from = s === "running" || s === "paused" ? options.year - Math.floor(random() * 8) : 1995 + Math.floor(random() * 20);
      ags.push(rows[index]?.ags ?? "");
      programme.push(weighted(random, PROGRAMMES));
      names.push(`Gebiet ${i + 1}`);
      start.push(from);
      end.push(s === "running" || s === "paused" ? (random() < 0.5 ? null : options.year + Math.floor(random() * 6)) : Math.min(options.year - 1, from + 5 + Math.floor(random() * 8)));
      state.push(s);
    }
    await client.query(
      `insert into measures (ags, programme_id, name, start_year, end_year, state, origin)
       select * from unnest($1::char(8)[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], array_fill('import'::text, array[$7::int]))`,
      [ags, programme, names, start, end, state, options.measures],
    );
    await client.query(`
      insert into measure_amounts (measure_id, year, federal, land, municipal)
      select ms.id, y, (100000 + (ms.id * 7919 + y * 104729) % 900000)::numeric(14,2), 0, 0
      from measures ms cross join lateral generate_series(ms.start_year, least(coalesce(ms.end_year, ${options.year}), ${options.year}), 2) y`);
    await client.query("commit");
    await client.query("vacuum analyze measures");
    await client.query("vacuum analyze measure_amounts");
    await client.query("vacuum analyze concepts");
    return { measures: options.measures, concepts: concepts.rowCount ?? 0 };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
