-- What changed since publication (SPEC §10). Each revision also keeps what each counted submission contributed to
-- each figure of its own region (publication_contribution), immutable like the revision; a later run compares its
-- figures and contributions with those of the latest revision and stores the changed figures with the files
-- behind them, for its page and the sheet 与发布版差异 of its workbook.
create table publication_contribution (
    publication_id bigint  not null references publication (id),
    dataset        text    not null,
    measure        text    not null,
    submission_id  bigint  not null,
    region_code    char(6) not null,
    breakdown      text    not null,
    value          numeric,
    primary key (publication_id, dataset, measure, submission_id, region_code, breakdown)
);

create trigger publication_contribution_immutable before update or delete on publication_contribution
    for each row execute function refuse_publication_change();
create trigger publication_contribution_not_truncated before truncate on publication_contribution
    for each statement execute function refuse_publication_change();

-- One row per run compared with a revision: how many figures changed (0: the run repeats the revision) and how long
-- the comparison took. Replaced when the run's report step runs again.
create table publication_comparison (
    execution_id   bigint      primary key,
    province       char(6)     not null,
    period         text        not null,
    publication_id bigint      not null references publication (id),
    revision       int         not null,
    changed        int         not null,
    millis         bigint      not null,
    compared_at    timestamptz not null default now()
);

-- Each changed figure of a compared run: the published value, the run's, and the files that changed it.
create table publication_difference (
    execution_id bigint  not null references publication_comparison (execution_id) on delete cascade,
    dataset      text    not null,
    region_code  char(6) not null,
    measure      text    not null,
    breakdown    text    not null,
    published_value numeric,
    new_value    numeric,
    -- the submissions whose contribution to the figure changed, as shown: 文件名（发布后收到）；…
    submissions  text    not null,
    primary key (execution_id, dataset, region_code, measure, breakdown)
);
