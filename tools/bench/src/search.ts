/**
 * Search at scale (issue 15, docs/search.md): seeds N cases on PostgreSQL by SQL (generate_series, seeded random),
 * then times GET /api/v1/search for surnames, partial references and phone numbers. Run by `--only search`.
 *
 * Synthetic only: names from generic lists and syllables, numbers from Ofcom's drama ranges (07700 900xxx and the
 * landline ranges 01632 960xxx, 020 7946 0xxx, 0113 496 0xxx … 0161 496 0xxx).
 */

export const BENCH_FORCE = 'Bench Constabulary';

/** The hundred commonest surnames stand for 30 % of people, skewed like the real ones (the first ≈ 1.3 %). */
const COMMON_SURNAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Powell',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Ali',
  'Hunt',
  'Hussain',
  'Campbell',
  'Matthews',
  'Owen',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  "O'Brien",
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  "O'Neill",
  'Dawson',
];
// The other 70 %: 8,000 surnames built from syllables, evenly spread (the long tail of real surnames).
const SYLLABLES = {
  first: [
    'Ash',
    'Brad',
    'Carr',
    'Dun',
    'Elling',
    'Fair',
    'Gar',
    'Hal',
    'Ing',
    'Kel',
    'Lang',
    'Mar',
    'Nor',
    'Os',
    'Pen',
    'Ray',
    'Sal',
    'Thorn',
    'Up',
    'Wal',
    'Ald',
    'Bel',
    'Crom',
    'Dal',
    'Ever',
    'Fen',
    'Grim',
    'Hart',
    'Kirk',
    'Lind',
    'Mort',
    'Ned',
    'Oak',
    'Pres',
    'Rock',
    'Sed',
    'Tal',
    'Wey',
    'Yar',
    'Bram',
  ],
  middle: ['', 'a', 'e', 'i', 'o', 'en', 'er', 'in', 'ing', 'el'],
  last: [
    'ton',
    'ford',
    'field',
    'worth',
    'by',
    'ham',
    'wood',
    'well',
    'ley',
    'stone',
    'bridge',
    'croft',
    'more',
    'den',
    'dale',
    'hurst',
    'wick',
    'shaw',
    'cott',
    'ridge',
  ],
};
const FIRST_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Emily',
  'Sophie',
  'Grace',
  'Mia',
  'Poppy',
  'Ella',
  'Lily',
  'Evie',
  'Chloé',
  'Zoë',
  'Siobhán',
  'Aoife',
  'Niamh',
  'Sinéad',
  'Renée',
  'Hannah',
  'Jessica',
  'Ruby',
  'Lucy',
  'Megan',
  'Chloe',
  'Sarah',
  'Laura',
  'Rebecca',
  'Amy',
  'Charlotte',
  'Jade',
  'Leanne',
  'Kirsty',
  'Gemma',
  'Nicola',
  'Claire',
  'Donna',
  'Tracey',
  'Michelle',
  'Karen',
  'Fatima',
  'Aisha',
  'Amina',
  'Priya',
  'Anjali',
  'Zofia',
  'Agnieszka',
  'Ioana',
  'Maria',
  'Ana',
  'James',
  'Daniel',
  'Thomas',
  'Jack',
  'Ryan',
  'Liam',
  'Ciarán',
  'Seán',
  'Mohammed',
  'Adam',
];
const SUSPECT_FIRST_NAMES = ['Connor', 'Mark', 'Lee', 'Gary', 'Ryan', 'Kieran', 'Paul', 'Dean', 'Jodie', 'Stacey', 'Craig', 'Darren'];
/** Drama-range prefixes (each 1,000 numbers) and how a caller might write them. */
const PHONE_RANGES = [
  '07700 900',
  '01632 960',
  '020 7946 0',
  '0113 496 0',
  '0114 496 0',
  '0115 496 0',
  '0116 496 0',
  '0117 496 0',
  '0118 496 0',
  '0121 496 0',
  '0131 496 0',
  '0141 496 0',
  '0151 496 0',
  '0161 496 0',
];
const AREAS = ['Dacorum', 'St Albans', 'Watford', 'Three Rivers', 'Hertsmere', 'Welwyn Hatfield', 'Stevenage', 'North Herts'];
const STATUSES = ['closed', 'closed', 'closed', 'closed', 'closed', 'declined', 'unable-to-contact', 'support', 'contacting', 'new'];
/** The scale mode's open and finished cases (the queue's statuses, OPEN_STATUSES in libs/shared/domain). */
const OPEN_STATUSES = ['new', 'new', 'triage', 'contacting', 'assessment', 'support'];
const CLOSED_STATUSES = ['closed', 'closed', 'closed', 'declined', 'unable-to-contact'];

const lit = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/**
 * The seeding statements, in order: name lists as tables, one row of random draws per case (setseed: the same data
 * every run), persons (a victim and a suspect per case) and cases from them with triggers off (session_replication_role),
 * then case_search filled by the very refresh function the triggers call (one statement, its GIN indexes dropped for
 * the load and rebuilt from their own definitions), and ANALYZE.
 *
 * With `open` (the scale mode, `--scale`): the first `open` cases are open (new, triage, contacting, assessment,
 * support) and arrived in the last four days, their SLA clocks set as intake sets them (assign within 3 h, contact
 * within 24 h), the others closed, declined or unable to contact, spread since 2020, every clock stopped.
 */
export function searchSeedSql(n: number, assignees: readonly string[], open = 0): { label: string; sql: string }[] {
  const tail = SYLLABLES.first.flatMap((a) => SYLLABLES.middle.flatMap((b) => SYLLABLES.last.map((c) => a + b + c)));
  const list = (name: string, values: readonly string[]) =>
    `CREATE UNLOGGED TABLE ${name} AS SELECT (o - 1)::int AS i, v AS name FROM unnest(${lit(values)}) WITH ORDINALITY AS x(v, o);
     ALTER TABLE ${name} ADD PRIMARY KEY (i)`;
  // A person's surname: 30 % from the common list (skewed: index = 100·u^1.5), else the even tail.
  const surnameIdx = (u: string, v: string) =>
    `CASE WHEN ${u} < 0.3 THEN floor(100 * power(${v}, 1.5))::int ELSE 100 + floor(${tail.length} * ${v})::int END`;
  const phone = (u: string, w: string) =>
    `(${lit(PHONE_RANGES)})[1 + floor(${PHONE_RANGES.length} * ${u})::int] || lpad(floor(1000 * ${w})::text, 3, '0')`;
  const assigneeArray = assignees.length ? `ARRAY[${assignees.map((a) => `'${a}'`).join(',')}]::uuid[]` : 'ARRAY[]::uuid[]';
  return [
    { label: 'lists', sql: `${list('bench_surnames', [...COMMON_SURNAMES, ...tail])}` },
    { label: 'lists', sql: `${list('bench_first', FIRST_NAMES)}` },
    { label: 'lists', sql: `${list('bench_suspect_first', SUSPECT_FIRST_NAMES)}` },
    { label: 'seed', sql: `SELECT setseed(0.15)` },
    {
      label: 'draws',
      sql: `CREATE UNLOGGED TABLE bench_draws AS
              SELECT g, ${surnameIdx('a', 'b')} AS victim_last, floor(${FIRST_NAMES.length} * c)::int AS victim_first,
                     ${surnameIdx('d', 'e')} AS suspect_last, floor(${SUSPECT_FIRST_NAMES.length} * f)::int AS suspect_first,
                     u1, u2, u3, u4, u5, u6
                FROM (SELECT g, random() a, random() b, random() c, random() d, random() e, random() f,
                             random() u1, random() u2, random() u3, random() u4, random() u5, random() u6
                        FROM generate_series(1, ${n}) g) r`,
    },
    // The rows are consistent by construction: no trigger (foreign-key checks, case_search) while they go in.
    { label: 'triggers off', sql: `SET session_replication_role = replica` },
    {
      label: 'persons',
      sql: `INSERT INTO persons (id, force, role, police_person_id, first_name, last_name, version)
            SELECT md5('v' || r.g)::uuid, '${BENCH_FORCE}', 'victim', NULL, f.name, l.name, 1
              FROM bench_draws r JOIN bench_first f ON f.i = r.victim_first JOIN bench_surnames l ON l.i = r.victim_last
            UNION ALL
            SELECT md5('s' || r.g)::uuid, '${BENCH_FORCE}', 'suspect', NULL, f.name, l.name, 1
              FROM bench_draws r JOIN bench_suspect_first f ON f.i = r.suspect_first JOIN bench_surnames l ON l.i = r.suspect_last`,
    },
    {
      label: 'cases',
      sql: `INSERT INTO cases (id, status, force, reference, received_at, updated_at, current_revision, area, victim_id,
                               suspect_id, incident_at, assign_due_at, first_contact_due_at, risk_grade, officer_grade,
                               assignee_id, assigned_at, first_contact_at, closed_at, safe_contact_plan, restricted,
                               access_list, sla_breached_at)
            SELECT md5('c' || r.g)::uuid, st.status, '${BENCH_FORCE}',
                   'BC/' || (2020 + (r.g - 1) / 150000) || '/' || lpad(((r.g - 1) % 150000 + 100000)::text, 6, '0'),
                   t.at, t.at, 1, (${lit(AREAS)})[1 + floor(${AREAS.length} * r.u1)::int], md5('v' || r.g)::uuid, md5('s' || r.g)::uuid,
                   t.at - interval '2 hours', due.assign, due.contact,
                   (ARRAY['standard','medium','high'])[1 + floor(3 * r.u4)::int], 'standard',
                   CASE WHEN st.status = 'new' OR ${assignees.length} = 0 THEN NULL
                        ELSE (${assigneeArray})[1 + floor(${Math.max(1, assignees.length)} * r.u5)::int] END,
                   CASE WHEN st.status <> 'new' THEN t.at + interval '1 hour' END,
                   CASE WHEN st.status IN ('assessment', 'support') OR (st.open IS FALSE AND r.u2 < 0.8)
                        THEN t.at + interval '5 hours' END,
                   CASE WHEN st.status IN ('closed', 'declined', 'unable-to-contact') THEN t.at + interval '30 days' END,
                   jsonb_build_object('numbers', jsonb_build_array(
                     jsonb_build_object('number', ${phone('r.u2', 'r.u5')}, 'owner', 'victim', 'safe', true))
                     || CASE WHEN r.u3 < 0.3
                          THEN jsonb_build_array(jsonb_build_object('number', ${phone('r.u6', 'r.u1')}, 'owner', 'suspect', 'safe', false))
                          ELSE '[]'::jsonb END),
                   r.u6 < 0.001, '{}',
                   -- History: every clock ran out long ago (the SLA watcher has nothing to do with these cases). An open
                   -- case's clock is marked breached as the watcher would have marked it.
                   CASE WHEN st.open IS NOT TRUE THEN t.at + interval '1 day'
                        WHEN due.assign < now() AND st.status = 'new' THEN due.assign
                        WHEN due.contact < now() AND st.status IN ('triage', 'contacting') THEN due.contact END
              FROM bench_draws r,
                   LATERAL (SELECT CASE WHEN r.g <= ${open} THEN now() - r.u1 * interval '4 days'
                                        ELSE timestamptz '2020-01-01' + (r.g::float8 / ${n}) * (now() - timestamptz '2020-01-01') END AS at) t,
                   LATERAL (SELECT CASE WHEN ${open} = 0 THEN t.at + interval '1 day' ELSE t.at + interval '3 hours' END AS assign,
                                   CASE WHEN ${open} = 0 THEN t.at + interval '2 days' ELSE t.at + interval '24 hours' END AS contact) due,
                   LATERAL (SELECT CASE WHEN ${open} = 0 THEN NULL ELSE r.g <= ${open} END AS open,
                                   CASE WHEN ${open} = 0 THEN (${lit(STATUSES)})[1 + floor(${STATUSES.length} * r.u3)::int]
                                        WHEN r.g <= ${open} THEN (${lit(OPEN_STATUSES)})[1 + floor(${OPEN_STATUSES.length} * r.u3)::int]
                                        ELSE (${lit(CLOSED_STATUSES)})[1 + floor(${CLOSED_STATUSES.length} * r.u3)::int] END AS status) st`,
    },
    { label: 'triggers on', sql: `SET session_replication_role = DEFAULT` },
    // The cases were written with triggers off: the open ones' queue table (migration 1764470000000) is filled here,
    // its triggers counting the unrestricted ones into case_queue_tally (1764570000000), folded to one row as the API
    // does every minute.
    { label: 'case_queue', sql: `SELECT lantern_case_queue_refresh()` },
    { label: 'case_queue', sql: `SELECT lantern_case_queue_tally_fold()` },
    {
      label: 'indexes off',
      sql: `CREATE UNLOGGED TABLE bench_indexes AS
              SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
                FROM pg_index WHERE indrelid = 'case_search'::regclass AND NOT indisprimary`,
    },
    {
      label: 'indexes off',
      sql: `DO $$ DECLARE i record; BEGIN FOR i IN SELECT name FROM bench_indexes LOOP EXECUTE 'DROP INDEX ' || i.name; END LOOP; END $$`,
    },
    { label: 'case_search', sql: `SELECT lantern_case_search_refresh(ARRAY(SELECT id FROM cases WHERE force = '${BENCH_FORCE}'))` },
    {
      label: 'indexes',
      sql: `DO $$ DECLARE i record; BEGIN FOR i IN SELECT def FROM bench_indexes LOOP EXECUTE i.def; END LOOP; END $$`,
    },
    { label: 'tidy', sql: `DROP TABLE bench_indexes, bench_draws, bench_surnames, bench_first, bench_suspect_first` },
    // VACUUM as well: a hub's history is old, and autovacuum has long marked its pages all-visible (index-only scans).
    // Every seeded table: one left to autovacuum (persons, two million rows) was vacuumed in the middle of the timed reads.
    { label: 'analyse', sql: `VACUUM ANALYZE persons` },
    { label: 'analyse', sql: `VACUUM ANALYZE cases` },
    { label: 'analyse', sql: `VACUUM ANALYZE case_queue, case_queue_tally` },
    { label: 'analyse', sql: `VACUUM ANALYZE case_search, case_search_words` },
    // The seed's gigabytes of dirty pages written out now, not by a checkpoint during the first reads timed.
    { label: 'analyse', sql: `CHECKPOINT` },
  ];
}

/** Queries drawn from the seeded data: surnames as people have them, parts of references, numbers written another way. */
export function searchQuerySql(kind: 'surname' | 'reference' | 'phone', n: number): string {
  switch (kind) {
    case 'surname':
      return `SELECT p.last_name AS q FROM cases c TABLESAMPLE BERNOULLI (1) REPEATABLE (7) JOIN persons p ON p.id = c.victim_id
               WHERE c.force = '${BENCH_FORCE}' LIMIT ${n}`;
    case 'reference':
      // Half "the last six digits", half "year/first four digits" (about a hundred cases each).
      return `SELECT CASE WHEN random() < 0.5 THEN right(reference, 6) ELSE substr(reference, 4, 9) END AS q
                FROM cases TABLESAMPLE BERNOULLI (1) REPEATABLE (8) WHERE force = '${BENCH_FORCE}' LIMIT ${n}`;
    case 'phone':
      // The number written as a caller might say it: +44, no spaces.
      return `SELECT '+44 ' || substr(replace(c.safe_contact_plan #>> '{numbers,0,number}', ' ', ''), 2) AS q
                FROM cases c TABLESAMPLE BERNOULLI (1) REPEATABLE (9) WHERE c.force = '${BENCH_FORCE}' LIMIT ${n}`;
  }
}
