-- Several months (SPEC §9): the totals of a range of months are kept beside the monthly ones, under the range's key
-- (for example 2024-12/2025-02), computed from the months' counted facts by `report`, the pages and the API.
alter table period_total alter column period type text;
