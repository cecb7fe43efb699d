-- Files a collection left for a later run because their size or modification time was still changing when its wait
-- for them ended (SPEC §2.2). A row stays as history; a file counts as still left until a submission of the same
-- source and path is received after it was left.
create table left_file (
    id               bigserial primary key,
    job_execution_id bigint      not null,         -- the execution whose collection left it
    source           text        not null,         -- the source URL, password removed
    remote_path      text        not null,         -- path below the source root, e.g. 440100/440100_visits_2025-01.csv
    submitter        text        not null,         -- the directory it lies in ('' when none)
    province         char(6),                      -- the province of the submitter, when the directory is a region
    period           char(7),                      -- from the name, when it parses
    size_bytes       bigint      not null,         -- the size last listed
    left_at          timestamptz not null default now()
);
create index left_file_execution on left_file (job_execution_id);
create index left_file_period on left_file (province, period);

-- Feedback whose upload to a source failed and is still pending: one row per province, period, submitter and source,
-- removed once an upload of that submitter's feedback to that source succeeds (a later run, or `feedback --upload`).
-- The files themselves are kept under <home>/feedback/<period>/.
create table feedback_upload (
    province         char(6)     not null,
    period           char(7)     not null,
    submitter        text        not null,
    source           text        not null,         -- the source URL, password removed
    files            text[]      not null,         -- file names under <home>/feedback/<period>/
    job_execution_id bigint,                       -- the execution whose upload failed last; null for the command
    failed_at        timestamptz not null default now(),
    reason           text        not null,         -- why the last attempt failed, password masked
    primary key (province, period, submitter, source)
);
