-- What each file says on its own rows for the measures the rules of each submission name (SPEC §11), as the checks
-- compute them: stored as the file's ingest concludes, in its transaction, so that the checks read these few rows
-- instead of the period's staged rows. No personal data: they stay after the retention purge of the staged rows.
-- Files ingested before this table are computed from their staged rows by the checks.
create table submission_figure (
    submission_id bigint  not null references submission (id) on delete cascade,
    dataset       text    not null,
    measure       text    not null,
    value         numeric not null,
    primary key (submission_id, dataset, measure)
);
