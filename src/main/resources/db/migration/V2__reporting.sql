-- The reporting schema: regions, received submissions, staged rows, rejections, facts, totals.

-- GB/T 2260 reference, loaded from reference/regions.csv by the repeatable migration R__Regions.
create table region (
    code          char(6) primary key,
    name          text    not null,
    level         text    not null check (level in ('province', 'city', 'county')),
    parent_code   char(6),
    province_code char(6) not null,
    rank          smallint not null            -- 1 province, 2 city, 3 county: the more specific, the higher
);

-- Every region paired with itself and each region above it.
create table region_ancestor (
    descendant char(6) not null,
    ancestor   char(6) not null,
    primary key (descendant, ancestor)
);
create index region_ancestor_ancestor on region_ancestor (ancestor, descendant);

-- Every file ever received, with its fate. Nothing is deleted from here.
create table submission (
    id             bigserial primary key,
    receipt_key    text        not null unique,  -- source + remote path + size + modification time
    source         text        not null,         -- the source URL, password removed
    remote_path    text        not null,         -- path below the source root, e.g. 440100/440100_visits_2025-01.csv
    submitter      text        not null,         -- the directory the file came from
    province       char(6),                      -- the province of the submitter, when the directory is a region
    file_name      text        not null,
    dataset        text,                         -- from the name; null when NAME_INVALID
    period         char(7),
    version        int,
    format         text,                         -- csv, xlsx or xls
    size_bytes     bigint      not null,
    sha256         char(64)    not null,
    archive_path   text        not null,         -- relative to the home: archive/ab/cd/<sha256>
    received_at    timestamptz not null,
    collected_by   bigint,                       -- job execution that collected it
    status         text        not null check (status in
                   ('RECEIVED', 'ACCEPTED', 'REJECTED', 'DUPLICATE_FILE', 'NAME_INVALID', 'SUBMITTER_MISMATCH')),
    counted        boolean     not null default false,
    rows_read      int,
    rows_accepted  int,
    rows_rejected  int,
    rows_deduplicated int,
    processed_by   bigint,
    processed_at   timestamptz
);
create index submission_period on submission (province, period, dataset, submitter);
create index submission_hash on submission (submitter, sha256);

-- Every reason a file or a row was rejected. row_no is null for a whole-file reason.
create table rejection (
    id            bigserial primary key,
    submission_id bigint not null references submission (id),
    row_no        int,
    column_key    text,
    column_header text,
    code          text   not null,
    message       text   not null,
    value         text
);
create index rejection_submission on rejection (submission_id, row_no);

-- Staged rows, one table per dataset. Invalid rows are staged too (valid = false) with what could be parsed,
-- so that in-file duplicates are judged in SQL; only valid rows of counted submissions become facts.
create table stage_visits (
    submission_id bigint  not null,
    row_no        int     not null,
    valid         boolean not null,
    region_code   char(6),
    person_id     text,
    person_name   text,
    category      text,
    visit_date    date,
    amount        numeric(16, 2),
    event         text
);
create index stage_visits_submission on stage_visits (submission_id, row_no);

create table stage_subsidies (
    submission_id  bigint  not null,
    row_no         int     not null,
    valid          boolean not null,
    region_code    char(6),
    recipient_id   text,
    recipient_name text,
    program        text,
    amount         numeric(16, 2),
    paid_date      date
);
create index stage_subsidies_submission on stage_subsidies (submission_id, row_no);

create table stage_contracts (
    submission_id   bigint  not null,
    row_no          int     not null,
    valid           boolean not null,
    region_code     char(6),
    credit_code     text,
    enterprise_name text,
    contract_type   text,
    signed_date     date,
    workers_covered bigint,
    term_years      numeric(8, 2)
);
create index stage_contracts_submission on stage_contracts (submission_id, row_no);

create table stage_enterprise_counts (
    submission_id        bigint  not null,
    row_no               int     not null,
    valid                boolean not null,
    region_code          char(6),
    enterprises_required bigint
);
create index stage_enterprise_counts_submission on stage_enterprise_counts (submission_id, row_no);

create table stage_welfare (
    submission_id bigint  not null,
    row_no        int     not null,
    valid         boolean not null,
    region_code   char(6),
    voucher_no    text,
    direction     text,
    source        text,
    amount        numeric(16, 2),
    movement_date date
);
create index stage_welfare_submission on stage_welfare (submission_id, row_no);

-- The facts of a province and period after versions and deduplication: (submission_id, row_no) point at
-- the staged row that won. Replaced whole by every run of that province and period.
create table fact (
    province      char(6) not null,
    period        char(7) not null,
    dataset       text    not null,
    submission_id bigint  not null,
    row_no        int     not null,
    region_code   char(6) not null,
    primary key (province, period, dataset, submission_id, row_no)
);

-- Copies of one fact whose values differ: the winner counted, the loser listed for review.
create table conflict (
    id                   bigserial primary key,
    province             char(6) not null,
    period               char(7) not null,
    dataset              text    not null,
    natural_key          text    not null,
    winner_submission_id bigint  not null,
    winner_row_no        int     not null,
    loser_submission_id  bigint  not null,
    loser_row_no         int     not null,
    differing_columns    text    not null
);
create index conflict_period on conflict (province, period, dataset);

-- The published figures in long form, replaced whole by every run of that province and period.
create table period_total (
    province    char(6) not null,
    period      char(7) not null,
    dataset     text    not null,
    region_code char(6) not null,
    measure     text    not null,
    breakdown   text    not null default '',
    value       numeric,
    primary key (province, period, dataset, region_code, measure, breakdown)
);
