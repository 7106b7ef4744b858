-- A problem with a job's inputs that the runner reported (a missing file, a datastore that refuses):
-- the job fails at once, as the user's to fix, instead of being retried as an infrastructure failure.
alter table execution_attempt add column reported_input_error text;
