-- Published figures (SPEC §10): each revision of a province and period keeps the workbook as published, its SHA-256
-- and the data rows (period_total as they stood), and can never be changed or deleted: the triggers below refuse it.
create table publication (
    id           bigserial   primary key,
    province     char(6)     not null,
    period       text        not null,
    revision     int         not null check (revision >= 1),
    execution_id bigint      not null,
    file_name    text        not null,
    workbook     bytea       not null,
    sha256       char(64)    not null,
    published_by text        not null,
    published_at timestamptz not null default now(),
    -- the note; on revision 2 and later the reason for publishing again (required there)
    note         text,
    unique (province, period, revision),
    check (revision = 1 or coalesce(btrim(note), '') <> '')
);

-- The data rows of a revision in the long form of period_total.
create table publication_figure (
    publication_id bigint  not null references publication (id),
    dataset        text    not null,
    region_code    char(6) not null,
    measure        text    not null,
    breakdown      text    not null default '',
    value          numeric,
    primary key (publication_id, dataset, region_code, measure, breakdown)
);

create function refuse_publication_change() returns trigger language plpgsql as $$
begin
    raise exception '已发布的数据不可修改或删除（表 %，操作 %）：请发布新的修订版', tg_table_name, tg_op
        using errcode = 'P0001';
end;
$$;

create trigger publication_immutable before update or delete on publication
    for each row execute function refuse_publication_change();
create trigger publication_not_truncated before truncate on publication
    for each statement execute function refuse_publication_change();
create trigger publication_figure_immutable before update or delete on publication_figure
    for each row execute function refuse_publication_change();
create trigger publication_figure_not_truncated before truncate on publication_figure
    for each statement execute function refuse_publication_change();
