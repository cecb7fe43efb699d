-- Retention (reporting.retention.months): the archived originals and staged rows of old periods are purged, the
-- published figures (period_total), the submissions with their fates and rejections, and the workbooks stay.

-- When a submission's original was removed from the archive (and its staged rows deleted); null while kept.
-- archive_path stays as it was: it is the file's content address, shared by every submission of the same bytes.
alter table submission add column purged_at timestamptz;
create index submission_sha256 on submission (sha256);

-- Every purge of a province and period: when, under which setting and how much went. A period listed here is never
-- run again (its published totals could not be recomputed). Files whose name gave no province or period are purged
-- by their receipt date: province and period are then null.
create table retention_purge (
    id               bigserial   primary key,
    province         char(6),
    period           char(7),
    purged_at        timestamptz not null default now(),
    retention_months int         not null,
    submissions      int         not null,   -- submissions whose original and staged rows went
    staged_rows      bigint      not null,
    deduplicated_rows bigint     not null,   -- deduplicated and conflict rows pointed at the staged rows
    conflicts        bigint      not null,
    files            int         not null,   -- archived originals no kept submission shares, deleted after the commit
    bytes            bigint      not null
);
create index retention_purge_period on retention_purge (province, period);
