-- Jobs placed on compute targets (ADR 0013). One row per submitted run: the durable queue while
-- state = 'queued', the execution afterwards. Schedulers of several replicas take rows with
-- FOR UPDATE SKIP LOCKED and serialise dispatch per target by locking its compute_target row.
create table execution (
    run_id           uuid primary key,
    workspace_id     uuid        not null,
    workspace        text        not null,
    run_name         text        not null,
    compute_id       uuid,        -- null: the compute named did not exist (the job failed at once)
    submitter_id     uuid,
    submitter_name   text,
    job              jsonb       not null,
    priority         int         not null default 0,
    slots            int         not null,
    state            text        not null,
    queued_at        timestamptz not null,
    not_before       timestamptz not null,
    attempt          int         not null default 0,
    lease_until      timestamptz,
    launched         boolean     not null default false,
    phase            text,
    deadline         timestamptz,
    cancel_requested boolean     not null default false,
    timed_out        boolean     not null default false,
    started_at       timestamptz,
    ended_at         timestamptz,
    last_heartbeat   timestamptz,
    outcome          text,
    error            text,
    constraint execution_state check (state in ('queued', 'active', 'ended'))
);

create index execution_queue on execution (compute_id, priority desc, queued_at) where state = 'queued';
create index execution_active on execution (compute_id) where state = 'active';

-- Every try of an execution; an infrastructure failure ends an attempt and queues the next one.
create table execution_attempt (
    run_id          uuid        not null references execution (run_id) on delete cascade,
    number          int         not null,
    backend         text        not null,
    workloads       jsonb       not null,
    started_at      timestamptz not null,
    ended_at        timestamptz,
    exit_code       int,
    outcome         text,
    error           text,
    reported_exit   int,
    reported_error  text,
    primary key (run_id, number)
);

-- The node count of a compute target, grown by demand between its min and max and shrunk after
-- the idle time; each change leaves a sample in compute_usage.
create table compute_scale (
    compute_id  uuid primary key,
    nodes       int         not null,
    idle_since  timestamptz
);

create table compute_usage (
    compute_id  uuid        not null,
    time        timestamptz not null,
    nodes       int         not null,
    busy_slots  int         not null,
    queued      int         not null
);

create index compute_usage_by_time on compute_usage (compute_id, time);

-- Cancellations that arrived before their submission (the outbox may deliver them out of order):
-- the submission, when it comes, ends at once.
create table early_cancel (
    run_id  uuid primary key,
    at      timestamptz not null
);
