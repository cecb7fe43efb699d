-- Every place an annotated copy (…-批注.xlsx: the submitted original with marks, resident IDs in clear) was written,
-- so that the retention purge removes it wherever it is once its submission's original is purged. A row is recorded
-- before the copy is kept in the home or uploaded, so no copy exists that is not listed here.
create table annotated_copy (
    id            bigserial   primary key,
    submission_id bigint      not null references submission (id),
    kind          text        not null check (kind in ('home', 'local', 'remote')),
    -- remote: the source URL as stored everywhere else, password masked (***); '' for home and local
    source        text        not null default '',
    -- home: relative to the home; local: an output folder's copy, absolute; remote: below the source's root
    path          text        not null,
    written_at    timestamptz not null default now(),
    removed_at    timestamptz,            -- when a purge deleted it (or found it gone); null while it may exist
    attempted_at  timestamptz,            -- the last purge that could not delete it
    failure       text,                   -- why, password masked; the next purge tries again
    unique (kind, source, path)
);
create index annotated_copy_submission on annotated_copy (submission_id);

-- The annotated copies recorded for the period's submissions when it was purged (removed then or by a later purge).
alter table retention_purge add column annotated_copies int not null default 0;
