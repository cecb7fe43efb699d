-- The floor: what the same PostgreSQL needs to load the same visit rows, deduplicate them and total them per
-- county, city and province. No parsing, no validation, no normalisation of spellings: a lower bound, not an
-- alternative. Run by bench/Floor.java, one statement at a time, each timed; "-- @step NAME" names the step a
-- statement's time counts toward, "-- @each-visits-file" repeats a statement for every file of the manifest
-- ({file}, {encoding}); {regions} is the reference regions.csv. Server-side COPY: the files are read by the server.

-- @step setup
DROP SCHEMA IF EXISTS bench_floor CASCADE;

-- @step setup
CREATE SCHEMA bench_floor;

-- @step setup
CREATE UNLOGGED TABLE bench_floor.region (code text PRIMARY KEY, name text, level text, parent_code text);

-- @step setup
COPY bench_floor.region FROM {regions} WITH (FORMAT csv, HEADER true, ENCODING 'UTF8');

-- @step setup
CREATE UNLOGGED TABLE bench_floor.visits_raw (
    region_code text, person_id text, person_name text, category text, visit_date text, amount text, event text);

-- @step copy
-- @each-visits-file
COPY bench_floor.visits_raw FROM {file} WITH (FORMAT csv, HEADER true, ENCODING {encoding});

-- @step dedup
CREATE UNLOGGED TABLE bench_floor.visits AS
SELECT DISTINCT ON (person_id, visit_date, category) *
FROM bench_floor.visits_raw
ORDER BY person_id, visit_date, category;

-- @step rollup
CREATE UNLOGGED TABLE bench_floor.totals AS
SELECT r.city, r.county,
       count(*)                  AS person_visits,
       count(DISTINCT person_id) AS distinct_persons,
       sum(CASE WHEN translate(v.amount, ',元', '') ~ '^[0-9]+(\.[0-9]{1,2})?$'
                THEN translate(v.amount, ',元', '')::numeric ELSE 0 END) AS amount_yuan
FROM bench_floor.visits v
JOIN (SELECT code, CASE level WHEN 'county' THEN parent_code ELSE code END AS city, code AS county
      FROM bench_floor.region WHERE level <> 'province') r ON r.code = v.region_code
GROUP BY ROLLUP (r.city, r.county);
