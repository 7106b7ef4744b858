-- The outbox: Spring Modulith's event publication registry (JPA flavour).
create table event_publication (
    id                     uuid primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp(6) with time zone not null,
    completion_date        timestamp(6) with time zone,
    status                 varchar(32),
    completion_attempts    integer not null default 0,
    last_resubmission_date timestamp(6) with time zone
);

create index event_publication_incomplete on event_publication (publication_date)
    where completion_date is null;

-- Event ids a consumer of this schema has applied, so redelivered events are skipped.
create table processed_event (
    consumer     varchar(200) not null,
    event_id     uuid not null,
    event_type   varchar(200) not null,
    processed_at timestamp(6) with time zone not null default now(),
    primary key (consumer, event_id)
);
