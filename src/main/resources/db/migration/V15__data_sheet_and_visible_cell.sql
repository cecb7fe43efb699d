-- The sheet a workbook's data was read from (the first visible sheet with a header row, SPEC §2.1), for the annotated
-- copy to mark; and, for a rejected value standing in a merged cell, the cell the clerk sees (the range's top-left).
alter table submission add column data_sheet text;
alter table rejection add column visible_cell text;
