-- Staged rows are derived data: the archive holds every original by SHA-256, and staging it again gives the same
-- rows. The stage tables are therefore UNLOGGED (no write-ahead log while millions of rows are copied in); after a
-- crash of PostgreSQL they come back empty, and a run re-stages from the archive exactly the submissions whose rows
-- are missing (ingest.StagedRows), which it finds by the count each submission records here.
alter table stage_visits set unlogged;
alter table stage_subsidies set unlogged;
alter table stage_contracts set unlogged;
alter table stage_enterprise_counts set unlogged;
alter table stage_welfare set unlogged;

-- How many rows of the submission were staged: every row read when it was accepted, none when it was rejected whole
-- or before it was ingested. Once retention purged it (purged_at), its rows are gone for good and never re-staged.
alter table submission add column rows_staged int not null default 0;
update submission s set rows_staged = staged.n
from (select submission_id, count(*) as n from stage_visits group by submission_id
      union all select submission_id, count(*) from stage_subsidies group by submission_id
      union all select submission_id, count(*) from stage_contracts group by submission_id
      union all select submission_id, count(*) from stage_enterprise_counts group by submission_id
      union all select submission_id, count(*) from stage_welfare group by submission_id) staged
where s.id = staged.submission_id;
