-- A target's node count and usage samples go with the target (one deleted by name, or all of a
-- deleted workspace's); they were left behind before.
delete from compute_scale s where not exists (select 1 from compute_target t where t.id = s.compute_id);
delete from compute_usage u where not exists (select 1 from compute_target t where t.id = u.compute_id);
alter table compute_scale
    add constraint compute_scale_target foreign key (compute_id) references compute_target (id) on delete cascade;
alter table compute_usage
    add constraint compute_usage_target foreign key (compute_id) references compute_target (id) on delete cascade;
