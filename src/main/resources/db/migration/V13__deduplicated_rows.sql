-- Deduplication stores the copies it leaves out rather than the facts it keeps: copies are a small part of the
-- rows, facts nearly all of them. The facts of a period are its counted submissions' valid staged rows with a
-- region and a whole natural key, less these (see dedup.Facts).
drop table fact;

create table deduplicated_row (
    province      char(6) not null,
    period        char(7) not null,
    dataset       text    not null,
    submission_id bigint  not null,
    row_no        int     not null,
    primary key (submission_id, row_no)
);
create index deduplicated_row_period on deduplicated_row (province, period);
