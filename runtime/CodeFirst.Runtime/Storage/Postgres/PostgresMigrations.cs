namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>
/// Versioned schema steps, applied in order inside the store's schema (search_path is set to it);
/// a step never changes once released. Same tables, columns and unique keys as the SQLite store.
/// </summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE dags (
                dag_id text PRIMARY KEY,
                is_paused boolean NOT NULL,
                last_automated_start timestamptz,
                last_automated_end timestamptz
            );
            CREATE TABLE dag_runs (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                dag_id text NOT NULL,
                run_id text NOT NULL,
                run_type text NOT NULL,
                logical_date timestamptz NOT NULL,
                data_interval_start timestamptz NOT NULL,
                data_interval_end timestamptz NOT NULL,
                state text NOT NULL,
                conf text NOT NULL,
                queued_at timestamptz NOT NULL,
                start_date timestamptz,
                end_date timestamptz,
                UNIQUE (dag_id, run_id)
            );
            -- Airflow 3: many manual runs may share a logical date; scheduled ones may not.
            CREATE UNIQUE INDEX ux_dag_runs_logical_date ON dag_runs (dag_id, logical_date) WHERE run_type <> 'manual';
            CREATE INDEX ix_dag_runs_state ON dag_runs (state, dag_id);
            CREATE TABLE task_instances (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_pk bigint NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                dag_id text NOT NULL,
                run_id text NOT NULL,
                task_id text NOT NULL,
                state text NOT NULL,
                try_number integer NOT NULL DEFAULT 0,
                max_tries integer NOT NULL,
                priority_weight integer NOT NULL,
                queue text NOT NULL,
                queued_at timestamptz,
                ready_at timestamptz,
                start_date timestamptz,
                end_date timestamptz,
                worker_id text,
                lease_until timestamptz,
                UNIQUE (run_pk, task_id)
            );
            -- The queue: only claimable rows are indexed, in claim order.
            CREATE INDEX ix_task_instances_queue ON task_instances (priority_weight DESC, queued_at, id)
                WHERE state IN ('queued', 'up_for_retry');
            CREATE INDEX ix_task_instances_lease ON task_instances (lease_until) WHERE state = 'running';
            CREATE INDEX ix_task_instances_worker ON task_instances (worker_id) WHERE state = 'running';
            CREATE TABLE xcom (
                run_pk bigint NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id text NOT NULL,
                key text NOT NULL,
                value text NOT NULL,
                PRIMARY KEY (run_pk, task_id, key)
            );
            CREATE TABLE task_logs (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_pk bigint NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id text NOT NULL,
                try_number integer NOT NULL,
                ts timestamptz NOT NULL,
                level text NOT NULL,
                message text NOT NULL
            );
            CREATE INDEX ix_task_logs ON task_logs (run_pk, task_id, try_number, id);
            """),
        (2, """
            -- Idle workers ask when the next retry is due; without this it scans every task instance.
            CREATE INDEX ix_task_instances_retry ON task_instances (ready_at) WHERE state = 'up_for_retry';
            """),
        (3, """
            CREATE TABLE api_tokens (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL,
                token_hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz
            );
            CREATE UNIQUE INDEX ux_api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
            CREATE TABLE audit_log (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                who text NOT NULL,
                method text NOT NULL,
                details text NOT NULL,
                peer text NOT NULL
            );
            CREATE INDEX ix_audit_log_at ON audit_log (at);
            """),
        (4, """
            -- Pools (Airflow's slot_pool); every task instance occupies pool_slots of its pool while running.
            CREATE TABLE pools (
                name text PRIMARY KEY,
                slots integer NOT NULL,
                description text NOT NULL DEFAULT ''
            );
            INSERT INTO pools (name, slots, description) VALUES ('default_pool', 128, 'Default pool');
            ALTER TABLE task_instances
                ADD COLUMN pool text NOT NULL DEFAULT 'default_pool',
                ADD COLUMN pool_slots integer NOT NULL DEFAULT 1;
            -- The claim counts running instances per DAG and pool.
            CREATE INDEX ix_task_instances_running ON task_instances (dag_id, pool) WHERE state = 'running';
            -- depends_on_past looks up a DAG's previous run by logical date.
            CREATE INDEX ix_dag_runs_logical ON dag_runs (dag_id, logical_date);
            """),
        (5, """
            -- Asset events: recorded by task outlets or posted from outside; queued per consuming DAG
            -- (Airflow's asset_dag_run_queue) until a run consumes them.
            CREATE TABLE asset_events (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                uri text NOT NULL,
                payload text NOT NULL,
                source_dag_id text,
                source_run_id text,
                source_task_id text,
                created_at timestamptz NOT NULL
            );
            CREATE INDEX ix_asset_events_uri ON asset_events (uri, id);
            CREATE TABLE dag_asset_references (
                dag_id text NOT NULL,
                uri text NOT NULL,
                PRIMARY KEY (dag_id, uri)
            );
            CREATE INDEX ix_dag_asset_references_uri ON dag_asset_references (uri);
            CREATE TABLE asset_dag_run_queue (
                dag_id text NOT NULL,
                event_id bigint NOT NULL REFERENCES asset_events (id) ON DELETE CASCADE,
                PRIMARY KEY (dag_id, event_id)
            );
            CREATE TABLE dag_run_asset_events (
                run_pk bigint NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                event_id bigint NOT NULL REFERENCES asset_events (id) ON DELETE CASCADE,
                PRIMARY KEY (run_pk, event_id)
            );
            -- Backfills are run by the scheduler: the row and its dates survive a restart.
            CREATE TABLE backfills (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                dag_id text NOT NULL,
                from_date timestamptz NOT NULL,
                to_date timestamptz NOT NULL,
                reprocess text NOT NULL,
                max_active_runs integer NOT NULL,
                run_backwards boolean NOT NULL,
                conf text NOT NULL,
                state text NOT NULL,
                created_at timestamptz NOT NULL,
                completed_at timestamptz
            );
            CREATE INDEX ix_backfills_state ON backfills (state, dag_id);
            CREATE TABLE backfill_dates (
                backfill_id bigint NOT NULL REFERENCES backfills (id) ON DELETE CASCADE,
                sort_ordinal integer NOT NULL,
                logical_date timestamptz NOT NULL,
                data_interval_start timestamptz NOT NULL,
                data_interval_end timestamptz NOT NULL,
                existing_run_id text,
                run_pk bigint REFERENCES dag_runs (id) ON DELETE SET NULL,
                state text NOT NULL,
                PRIMARY KEY (backfill_id, sort_ordinal)
            );
            """),
        (6, """
            -- Sensors and the triggerer. A reschedule-mode sensor waits in up_for_reschedule until
            -- ready_at, so the claim and the idle worker's "next due" look at it like up_for_retry.
            DROP INDEX ix_task_instances_queue;
            CREATE INDEX ix_task_instances_queue ON task_instances (priority_weight DESC, queued_at, id)
                WHERE state IN ('queued', 'up_for_retry', 'up_for_reschedule');
            DROP INDEX ix_task_instances_retry;
            CREATE INDEX ix_task_instances_retry ON task_instances (ready_at) WHERE state IN ('up_for_retry', 'up_for_reschedule');
            -- A sensor's timeout counts from the first poke of its try, across reschedules (Airflow's task_reschedule);
            -- the fired trigger's event is kept for the try that resumes (Airflow's next_kwargs).
            ALTER TABLE task_instances
                ADD COLUMN first_poke_at timestamptz,
                ADD COLUMN first_poke_try integer,
                ADD COLUMN poke_count integer NOT NULL DEFAULT 0,
                ADD COLUMN trigger_event text,
                ADD COLUMN trigger_event_try integer;
            -- One row per deferred task instance; triggerers claim them under a lease like workers claim task instances.
            CREATE TABLE triggers (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                task_instance_id bigint NOT NULL UNIQUE REFERENCES task_instances (id) ON DELETE CASCADE,
                kind text NOT NULL,
                arguments text NOT NULL,
                created_at timestamptz NOT NULL,
                timeout_at timestamptz,
                triggerer_id text,
                lease_until timestamptz
            );
            CREATE INDEX ix_triggers_lease ON triggers (lease_until);
            """),
        (7, """
            -- Asset watchers: a message-queue message becomes an event once; a redelivery (after a crash
            -- between commit and acknowledgement) finds its message id taken. NULLs (no id) never conflict.
            ALTER TABLE asset_events ADD COLUMN message_id text;
            CREATE UNIQUE INDEX ux_asset_events_message ON asset_events (uri, message_id);
            -- One row per registered watcher; one triggerer at a time holds it under a lease, like a trigger.
            CREATE TABLE asset_watchers (
                name text PRIMARY KEY,
                uri text NOT NULL,
                triggerer_id text,
                lease_until timestamptz
            );
            """),
        (8, """
            -- Dynamic task mapping: a mapped task expands into one instance per element, told apart by
            -- map_index (-1 for an unmapped task, as in Airflow). XCom and logs are kept per instance.
            ALTER TABLE task_instances ADD COLUMN map_index integer NOT NULL DEFAULT -1;
            ALTER TABLE task_instances DROP CONSTRAINT task_instances_run_pk_task_id_key;
            ALTER TABLE task_instances ADD CONSTRAINT task_instances_run_pk_task_id_map_index_key UNIQUE (run_pk, task_id, map_index);
            ALTER TABLE xcom ADD COLUMN map_index integer NOT NULL DEFAULT -1;
            ALTER TABLE xcom DROP CONSTRAINT xcom_pkey;
            ALTER TABLE xcom ADD PRIMARY KEY (run_pk, task_id, map_index, key);
            ALTER TABLE task_logs ADD COLUMN map_index integer NOT NULL DEFAULT -1;
            DROP INDEX ix_task_logs;
            CREATE INDEX ix_task_logs ON task_logs (run_pk, task_id, map_index, try_number, id);
            """),
        (9, """
            -- The process registry (Airflow's job table, Hangfire's servers): every scheduler, worker and
            -- triggerer heartbeats its row; a row whose heartbeat is a few intervals old is a dead process.
            CREATE TABLE processes (
                id text PRIMARY KEY,
                role text NOT NULL,
                hostname text NOT NULL,
                pid integer NOT NULL,
                queues text,
                concurrency integer NOT NULL,
                started_at timestamptz NOT NULL,
                last_heartbeat timestamptz NOT NULL,
                heartbeat_interval_ms bigint NOT NULL,
                running_tasks integer NOT NULL,
                running_triggers integer NOT NULL,
                stopped_at timestamptz
            );
            CREATE INDEX ix_processes_heartbeat ON processes (last_heartbeat);
            -- Queue depths are polled by the dashboard: count the active states without scanning finished rows.
            CREATE INDEX ix_task_instances_active_queue ON task_instances (state, queue) WHERE state IN ('queued', 'running', 'deferred');
            """),
        (10, """
            -- Airflow's task_instance_history: one row per finished try (the instance row keeps only the latest).
            CREATE TABLE task_instance_tries (
                run_pk bigint NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id text NOT NULL,
                map_index integer NOT NULL,
                try_number integer NOT NULL,
                state text NOT NULL,
                start_date timestamptz,
                end_date timestamptz,
                worker_id text,
                PRIMARY KEY (run_pk, task_id, map_index, try_number)
            );
            """),
        (11, """
            -- Airflow's pool option: deferred task instances of this pool occupy their slots too.
            ALTER TABLE pools ADD COLUMN include_deferred boolean NOT NULL DEFAULT false;
            """),
        (12, """
            -- The dashboard's failed task instances across every DAG, newest end first: an index over the
            -- failed rows only, so the many finished successfully cost nothing.
            CREATE INDEX ix_task_instances_failed ON task_instances (end_date DESC NULLS LAST, id DESC) WHERE state = 'failed';
            """),
        (13, """
            -- Running rows are few (at most every worker's concurrency), so the lease sweep and a worker's own
            -- rows are found through ix_task_instances_running; two more indexes on them only cost every claim
            -- and every result two index insertions.
            DROP INDEX IF EXISTS ix_task_instances_lease;
            DROP INDEX IF EXISTS ix_task_instances_worker;
            """),
    ];
}
