-- Run search (dev.kiln.run.search).

-- A search without an order lists runs newest start first, as MLflow does; a run that has not
-- started counts from its creation. This serves that order, and keyset paging after it, without
-- sorting every run of the workspace.
create index run_by_workspace_start on run (workspace_id, (coalesce(start_time, created_at)) desc, id);

-- A search filtered on a metric and ordered by it reads the metric in index order. Ascending,
-- metric_latest_by_key_value serves (PostgreSQL sorts NaN last, as MLflow does); descending,
-- MLflow still puts NaN last, so the order is (NaN or not, value descending).
create index metric_latest_by_key_nan_value
    on metric_latest (key, (case when value = 'NaN'::float8 then 1 else 0 end), value desc, run_id);
