-- Run-scoped results of the partitioned deduplication and totals (issue 19): each partition of a run writes here,
-- keyed by the run's job execution, on its own connection; one short transaction then makes the run's results the
-- current ones (deduplicated_row, conflict, submission.rows_deduplicated, period_total) and deletes them here.
-- They are derived data, recomputed by every attempt of the step (an attempt first deletes what a failed one of
-- the same province and period left), hence UNLOGGED: a crash of PostgreSQL empties them, which loses nothing.
-- job_execution_id is 0 for a deduplication or a calculation outside a job (one partition, in the caller's
-- transaction).
create unlogged table partition_deduplicated_row (
    job_execution_id bigint  not null,
    province         char(6) not null,
    period           char(7) not null,
    dataset          text    not null,
    submission_id    bigint  not null,
    row_no           int     not null
);
create index partition_deduplicated_row_run on partition_deduplicated_row (job_execution_id, province, period);

-- sort_key (the natural key's values as text, dates in ISO form) and position (the copy's place among the copies of
-- its key, 2 follows the fact): the conflicts are numbered in the order one statement over all the rows numbers them
create unlogged table partition_conflict (
    job_execution_id     bigint  not null,
    province             char(6) not null,
    period               char(7) not null,
    dataset              text    not null,
    natural_key          text    not null,
    sort_key             text[]  collate "C" not null,
    position             bigint  not null,
    winner_submission_id bigint  not null,
    winner_row_no        int     not null,
    loser_submission_id  bigint  not null,
    loser_row_no         int     not null,
    differing_columns    text    not null
);
create index partition_conflict_run on partition_conflict (job_execution_id, province, period);

-- a partition's part of each figure: the sum over partitions is the figure (distinct counts too, as every value
-- counted falls in one partition)
create unlogged table partition_total (
    job_execution_id bigint  not null,
    province         char(6) not null,
    period           text    not null,
    dataset          text    not null,
    region_code      char(6) not null,
    measure          text    not null,
    breakdown        text    not null,
    value            numeric
);
create index partition_total_run on partition_total (job_execution_id, province, period);
