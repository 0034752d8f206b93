-- Where each route of the migration plan stands, and why it got there.
create table route_state (
    route_id   varchar(100) primary key,
    stage      varchar(16)  not null,
    percent    smallint     not null check (percent between 0 and 100),
    version    bigint       not null,
    updated_at timestamptz  not null,
    updated_by varchar(100) not null
);

create table route_audit (
    id           bigserial primary key,
    route_id     varchar(100) not null,
    from_stage   varchar(16)  not null,
    from_percent smallint     not null,
    to_stage     varchar(16)  not null,
    to_percent   smallint     not null,
    reason       varchar(500) not null,
    changed_by   varchar(100) not null,
    changed_at   timestamptz  not null
);

create index route_audit_route_idx on route_audit (route_id, id);

-- One row: bumped on every change so replicas detect a change with one cheap query.
create table routing_version (
    id      smallint primary key check (id = 1),
    version bigint   not null
);

insert into routing_version (id, version) values (1, 0);
