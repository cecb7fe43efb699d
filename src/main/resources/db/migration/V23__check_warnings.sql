-- Warnings for review of a province and period (SPEC §11): rules across fields and datasets, outliers against
-- history, submitters gone silent. Replaced whole by every run of that province and period; figures never change.
create table check_warning (
    province      char(6) not null,
    period        char(7) not null,
    position      int     not null,   -- the order the checks found them in
    rule_id       text    not null,   -- a rule of mappings/checks.yaml, outlier or silent_submitter
    rule_name     text    not null,
    importance    text    not null check (importance in ('高', '中', '低')),
    region_code   char(6),
    submitter     text,
    figure_names  text[]  not null,   -- dataset.measure (an outlier adds median)
    figure_values numeric[] not null,
    message       text    not null,
    primary key (province, period, position)
);
