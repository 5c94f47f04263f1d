import type { Rules } from "@insek/contracts";
import { type Db, queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { type RecordRow, recordsOn } from "../records/records.sql.js";

export type PortfolioRow = RecordRow & {
  district_name: string;
  assigned_from: string;
  assigned_valid_to: string | null;
  last_contact: string | null;
  next_contact: string | null;
  pending_reviews: number;
};

/**
 * The municipalities assigned to the advisor today (and existing today) with their records today
 * (`recordsOn`, the one definition), the latest consultation date, the next contact agreed and the
 * number of update-request answers waiting for review.
 *
 * Next contact: the `next_contact_date` of the latest consultation (by date, then id) that set one,
 * unless a later consultation took place on or after that date (then the follow-up has happened).
 */
export async function portfolioRows(db: Db, rules: Rules, advisorUserId: string, today: string): Promise<PortfolioRow[]> {
  const assigned = sql`(select a.ags from advisor_assignments a
      where a.advisor_user_id = ${advisorUserId}::uuid and a.valid_from <= ${today}::date
        and (a.valid_to is null or a.valid_to > ${today}::date))`;
  // Each contact figure is one aggregate over the portfolio's consultations, joined by AGS (hash joins),
  // not a correlated lookup per municipality.
  return queryRows<PortfolioRow>(
    db,
    sql`with cm as (
          select x.ags, c.id, c.date, c.next_contact_date
          from consultation_municipalities x join consultations c on c.id = x.consultation_id
          where c.deleted_at is null and x.ags in ${assigned}
        ),
        last_contact as (select ags, max(date) as last_contact from cm group by ags),
        latest_next as (
          select distinct on (ags) ags, id, date, next_contact_date from cm
          where next_contact_date is not null
          order by ags, date desc, id desc
        ),
        met as (
          select n.ags from latest_next n
          join cm on cm.ags = n.ags and cm.date >= n.next_contact_date and (cm.date > n.date or (cm.date = n.date and cm.id > n.id))
          group by n.ags
        ),
        pending as (
          select u.ags, count(*)::int as n from update_requests u
          where u.review_state = 'pending' and u.ags in ${assigned} group by u.ags
        ),
        held as (
          select a.ags, min(a.valid_from)::text as valid_from,
            (case when bool_or(a.valid_to is null) then null else max(a.valid_to) end)::text as valid_to
          from advisor_assignments a
          where a.advisor_user_id = ${advisorUserId}::uuid and a.valid_from <= ${today}::date
            and (a.valid_to is null or a.valid_to > ${today}::date)
          group by a.ags
        )
        select r.*, d.name as district_name, held.valid_from as assigned_from, held.valid_to as assigned_valid_to,
          lc.last_contact::text as last_contact,
          (case when met.ags is null then n.next_contact_date::text end) as next_contact,
          coalesce(p.n, 0) as pending_reviews
        from (${recordsOn(today, rules, sql`m.ags in ${assigned}`)}) r
        join districts d on d.key = r.district_key
        join held on held.ags = r.ags
        left join last_contact lc on lc.ags = r.ags
        left join latest_next n on n.ags = r.ags
        left join met on met.ags = r.ags
        left join pending p on p.ags = r.ags
        order by r.name, r.ags`,
  );
}
