-- Where a rejected value stood in its file: the 0-based column of its cell (xlsx) or field (CSV), as the header row
-- placed it when the file was ingested. The annotated copy marks that cell without reading the header row again.
-- Null for a whole-row or whole-file reason, and for rejections recorded before this column existed.
alter table rejection add column column_index int;
