create table workspace (
    id          uuid primary key,
    name        varchar(33) not null,
    description varchar(1000),
    created_at  timestamp(6) with time zone not null
);

create unique index workspace_name on workspace (name);
create unique index workspace_name_lower on workspace (lower(name));
