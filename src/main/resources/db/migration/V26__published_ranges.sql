-- Published ranges of months (SPEC §9, §10): a revision of a range (its period the range's key, 2024-12/2025-02) is
-- computed from the counted facts of its months' runs, not written by one execution, so it names none. A month's
-- revision still names the run it published. (ALTER TABLE is not an UPDATE: the immutability triggers stay as they are.)
alter table publication alter column execution_id drop not null;
alter table publication add constraint publication_run_or_range check (execution_id is not null or period like '%/%');
