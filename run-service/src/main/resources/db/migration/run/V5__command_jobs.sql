-- Command jobs (issue 5): a run submitted with a command keeps the spec run-service accepted, with
-- every reference resolved, as run-service published it in RunSubmitted. Tracking-only runs have
-- none. Design: docs/adr/0012-tracking-store.md and package dev.kiln.run.job.
alter table run add column job jsonb;
