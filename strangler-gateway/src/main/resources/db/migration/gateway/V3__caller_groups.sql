-- A canary's caller groups: callers in any of them go to the service whatever the percent (empty: none).
alter table route_state add column caller_groups text[] not null default '{}';

-- What each change did to them, beside the stage and percent it already records.
alter table route_audit add column from_caller_groups text[] not null default '{}';
alter table route_audit add column to_caller_groups text[] not null default '{}';
