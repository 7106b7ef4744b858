-- compute-service's projection of workspaces, kept from the events of kiln.workspaces.
create table known_workspace (
    id         uuid primary key,
    name       varchar(33) not null,
    created_at timestamp(6) with time zone not null
);

create index known_workspace_name on known_workspace (name);
