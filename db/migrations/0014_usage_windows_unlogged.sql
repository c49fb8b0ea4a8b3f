-- issue 13d: the fair-use counter (usage_windows, migration 0007) is UNLOGGED. Its upsert runs at the start of every
-- Ask/AskStream/SubmitSolution, before any work, and each of those commits waited for a WAL flush (fdatasync):
-- measured 0.9-3.3 ms p50, 8 ms p90 on this machine under load, against 0.03 ms without, directly in front of
-- AskStream's first chunk. An unlogged table writes no WAL, so its commit does not wait for the disk. What it
-- costs: after a PostgreSQL *crash* (not a clean restart) the table starts empty, so each student's current
-- one-minute windows restart from zero (at most one extra window of calls, like the fixed window's boundary), and
-- a physical standby does not carry it. Nothing else lives in it: no record of work, events or answers.
ALTER TABLE usage_windows SET UNLOGGED;
