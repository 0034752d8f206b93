-- The figures an automatic promotion or rollback was decided on (null for a change an operator made).
alter table route_audit add column figures json;

-- Where each automated route's progression stands; every replica reads it; the lock holder
-- writes its decisions, any replica writes a pause or resume from the admin API.
create table route_automation (
    route_id         varchar(100) primary key,
    state            varchar(16)  not null check (state in ('RUNNING', 'PAUSED', 'FINISHED', 'ROLLED_BACK')),
    -- -1: the first step is still to be taken
    step_index       integer      not null,
    step_started_at  timestamptz  not null,
    -- the route's version the automation last set or accepted: another version is someone else's change
    observed_version bigint       not null,
    paused_by        varchar(100),
    paused_reason    varchar(500),
    last_decision    varchar(1000),
    last_figures     json,
    checked_at       timestamptz,
    -- bumped by every change of state or step, so a pause and the lock holder's next write cannot cross
    revision         bigint       not null,
    updated_at       timestamptz  not null
);
