namespace CodeFirst.Runtime.Storage.Sqlite;

/// <summary>Versioned schema steps, applied in order; a step never changes once released.</summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE dags (
                dag_id TEXT PRIMARY KEY,
                is_paused INTEGER NOT NULL,
                last_automated_start INTEGER,
                last_automated_end INTEGER
            );
            CREATE TABLE dag_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                run_type TEXT NOT NULL,
                logical_date INTEGER NOT NULL,
                data_interval_start INTEGER NOT NULL,
                data_interval_end INTEGER NOT NULL,
                state TEXT NOT NULL,
                conf TEXT NOT NULL,
                queued_at INTEGER NOT NULL,
                start_date INTEGER,
                end_date INTEGER,
                UNIQUE (dag_id, run_id)
            );
            -- Airflow 3: many manual runs may share a logical date; scheduled ones may not.
            CREATE UNIQUE INDEX ux_dag_runs_logical_date ON dag_runs (dag_id, logical_date) WHERE run_type <> 'manual';
            CREATE INDEX ix_dag_runs_state ON dag_runs (state, dag_id);
            CREATE TABLE task_instances (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                task_id TEXT NOT NULL,
                state TEXT NOT NULL,
                try_number INTEGER NOT NULL DEFAULT 0,
                max_tries INTEGER NOT NULL,
                priority_weight INTEGER NOT NULL,
                queue TEXT NOT NULL,
                queued_at INTEGER,
                ready_at INTEGER,
                start_date INTEGER,
                end_date INTEGER,
                worker_id TEXT,
                lease_until INTEGER,
                UNIQUE (run_pk, task_id)
            );
            CREATE INDEX ix_task_instances_queue ON task_instances (priority_weight DESC, queued_at, id)
                WHERE state IN ('queued', 'up_for_retry');
            CREATE INDEX ix_task_instances_lease ON task_instances (lease_until) WHERE state = 'running';
            CREATE TABLE xcom (
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_pk, task_id, key)
            );
            CREATE TABLE task_logs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id TEXT NOT NULL,
                try_number INTEGER NOT NULL,
                ts INTEGER NOT NULL,
                level TEXT NOT NULL,
                message TEXT NOT NULL
            );
            CREATE INDEX ix_task_logs ON task_logs (run_pk, task_id, try_number, id);
            """),
        (2, """
            -- Idle workers ask when the next retry is due; without this it scans every task instance.
            CREATE INDEX ix_task_instances_retry ON task_instances (ready_at) WHERE state = 'up_for_retry';
            """),
        (3, """
            -- Control-plane access: bearer tokens (only a SHA-256 hash of the secret is kept) and
            -- an audit trail of every mutating call.
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            );
            CREATE UNIQUE INDEX ux_api_tokens_active_name ON api_tokens (name) WHERE revoked_at IS NULL;
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                who TEXT NOT NULL,
                method TEXT NOT NULL,
                details TEXT NOT NULL,
                peer TEXT NOT NULL
            );
            CREATE INDEX ix_audit_log_at ON audit_log (at);
            """),
        (4, """
            -- Pools (Airflow's slot_pool); every task instance occupies pool_slots of its pool while running.
            CREATE TABLE pools (
                name TEXT PRIMARY KEY,
                slots INTEGER NOT NULL,
                description TEXT NOT NULL DEFAULT ''
            );
            INSERT INTO pools (name, slots, description) VALUES ('default_pool', 128, 'Default pool');
            ALTER TABLE task_instances ADD COLUMN pool TEXT NOT NULL DEFAULT 'default_pool';
            ALTER TABLE task_instances ADD COLUMN pool_slots INTEGER NOT NULL DEFAULT 1;
            -- The claim counts running instances per DAG and pool.
            CREATE INDEX ix_task_instances_running ON task_instances (dag_id, pool) WHERE state = 'running';
            -- depends_on_past looks up a DAG's previous run by logical date.
            CREATE INDEX ix_dag_runs_logical ON dag_runs (dag_id, logical_date);
            """),
        (5, """
            -- Asset events: recorded by task outlets or posted from outside; queued per consuming DAG
            -- (Airflow's asset_dag_run_queue) until a run consumes them.
            CREATE TABLE asset_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                uri TEXT NOT NULL,
                payload TEXT NOT NULL,
                source_dag_id TEXT,
                source_run_id TEXT,
                source_task_id TEXT,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX ix_asset_events_uri ON asset_events (uri, id);
            CREATE TABLE dag_asset_references (
                dag_id TEXT NOT NULL,
                uri TEXT NOT NULL,
                PRIMARY KEY (dag_id, uri)
            );
            CREATE INDEX ix_dag_asset_references_uri ON dag_asset_references (uri);
            CREATE TABLE asset_dag_run_queue (
                dag_id TEXT NOT NULL,
                event_id INTEGER NOT NULL REFERENCES asset_events (id) ON DELETE CASCADE,
                PRIMARY KEY (dag_id, event_id)
            );
            CREATE TABLE dag_run_asset_events (
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                event_id INTEGER NOT NULL REFERENCES asset_events (id) ON DELETE CASCADE,
                PRIMARY KEY (run_pk, event_id)
            );
            -- Backfills are run by the scheduler: the row and its dates survive a restart.
            CREATE TABLE backfills (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                dag_id TEXT NOT NULL,
                from_date INTEGER NOT NULL,
                to_date INTEGER NOT NULL,
                reprocess TEXT NOT NULL,
                max_active_runs INTEGER NOT NULL,
                run_backwards INTEGER NOT NULL,
                conf TEXT NOT NULL,
                state TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                completed_at INTEGER
            );
            CREATE INDEX ix_backfills_state ON backfills (state, dag_id);
            CREATE TABLE backfill_dates (
                backfill_id INTEGER NOT NULL REFERENCES backfills (id) ON DELETE CASCADE,
                sort_ordinal INTEGER NOT NULL,
                logical_date INTEGER NOT NULL,
                data_interval_start INTEGER NOT NULL,
                data_interval_end INTEGER NOT NULL,
                existing_run_id TEXT,
                run_pk INTEGER REFERENCES dag_runs (id) ON DELETE SET NULL,
                state TEXT NOT NULL,
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
            -- A sensor's timeout counts from the first poke of its try, across reschedules (Airflow's task_reschedule).
            ALTER TABLE task_instances ADD COLUMN first_poke_at INTEGER;
            ALTER TABLE task_instances ADD COLUMN first_poke_try INTEGER;
            ALTER TABLE task_instances ADD COLUMN poke_count INTEGER NOT NULL DEFAULT 0;
            -- The fired trigger's event, for the try that resumes (Airflow's next_kwargs).
            ALTER TABLE task_instances ADD COLUMN trigger_event TEXT;
            ALTER TABLE task_instances ADD COLUMN trigger_event_try INTEGER;
            -- One row per deferred task instance; triggerers claim them under a lease like workers claim task instances.
            CREATE TABLE triggers (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                task_instance_id INTEGER NOT NULL UNIQUE REFERENCES task_instances (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                arguments TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                timeout_at INTEGER,
                triggerer_id TEXT,
                lease_until INTEGER
            );
            CREATE INDEX ix_triggers_lease ON triggers (lease_until);
            """),
        (7, """
            -- Asset watchers: a message-queue message becomes an event once; a redelivery (after a crash
            -- between commit and acknowledgement) finds its message id taken. NULLs (no id) never conflict.
            ALTER TABLE asset_events ADD COLUMN message_id TEXT;
            CREATE UNIQUE INDEX ux_asset_events_message ON asset_events (uri, message_id);
            -- One row per registered watcher; one triggerer at a time holds it under a lease, like a trigger.
            CREATE TABLE asset_watchers (
                name TEXT PRIMARY KEY,
                uri TEXT NOT NULL,
                triggerer_id TEXT,
                lease_until INTEGER
            );
            """),
        (8, """
            -- Dynamic task mapping: a mapped task expands into one instance per element, told apart by
            -- map_index (-1 for an unmapped task, as in Airflow). XCom and logs are kept per instance.
            -- SQLite cannot change a UNIQUE constraint, so task_instances and xcom are rebuilt. Dropping
            -- task_instances cascades into triggers (foreign keys cannot be turned off inside the
            -- migration's transaction), so its rows are kept aside and put back.
            CREATE TEMP TABLE triggers_kept AS SELECT * FROM triggers;
            CREATE TABLE task_instances_new (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                dag_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                task_id TEXT NOT NULL,
                map_index INTEGER NOT NULL DEFAULT -1,
                state TEXT NOT NULL,
                try_number INTEGER NOT NULL DEFAULT 0,
                max_tries INTEGER NOT NULL,
                priority_weight INTEGER NOT NULL,
                queue TEXT NOT NULL,
                queued_at INTEGER,
                ready_at INTEGER,
                start_date INTEGER,
                end_date INTEGER,
                worker_id TEXT,
                lease_until INTEGER,
                pool TEXT NOT NULL DEFAULT 'default_pool',
                pool_slots INTEGER NOT NULL DEFAULT 1,
                first_poke_at INTEGER,
                first_poke_try INTEGER,
                poke_count INTEGER NOT NULL DEFAULT 0,
                trigger_event TEXT,
                trigger_event_try INTEGER,
                UNIQUE (run_pk, task_id, map_index)
            );
            INSERT INTO task_instances_new (id, run_pk, dag_id, run_id, task_id, state, try_number, max_tries, priority_weight, queue,
                queued_at, ready_at, start_date, end_date, worker_id, lease_until, pool, pool_slots,
                first_poke_at, first_poke_try, poke_count, trigger_event, trigger_event_try)
            SELECT id, run_pk, dag_id, run_id, task_id, state, try_number, max_tries, priority_weight, queue,
                queued_at, ready_at, start_date, end_date, worker_id, lease_until, pool, pool_slots,
                first_poke_at, first_poke_try, poke_count, trigger_event, trigger_event_try
            FROM task_instances;
            DROP TABLE task_instances;
            ALTER TABLE task_instances_new RENAME TO task_instances;
            CREATE INDEX ix_task_instances_queue ON task_instances (priority_weight DESC, queued_at, id)
                WHERE state IN ('queued', 'up_for_retry', 'up_for_reschedule');
            CREATE INDEX ix_task_instances_lease ON task_instances (lease_until) WHERE state = 'running';
            CREATE INDEX ix_task_instances_retry ON task_instances (ready_at) WHERE state IN ('up_for_retry', 'up_for_reschedule');
            CREATE INDEX ix_task_instances_running ON task_instances (dag_id, pool) WHERE state = 'running';
            INSERT INTO triggers SELECT * FROM triggers_kept;
            DROP TABLE triggers_kept;
            CREATE TABLE xcom_new (
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id TEXT NOT NULL,
                map_index INTEGER NOT NULL DEFAULT -1,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_pk, task_id, map_index, key)
            );
            INSERT INTO xcom_new (run_pk, task_id, key, value) SELECT run_pk, task_id, key, value FROM xcom;
            DROP TABLE xcom;
            ALTER TABLE xcom_new RENAME TO xcom;
            ALTER TABLE task_logs ADD COLUMN map_index INTEGER NOT NULL DEFAULT -1;
            DROP INDEX ix_task_logs;
            CREATE INDEX ix_task_logs ON task_logs (run_pk, task_id, map_index, try_number, id);
            """),
        (9, """
            -- The process registry (Airflow's job table, Hangfire's servers): every scheduler, worker and
            -- triggerer heartbeats its row; a row whose heartbeat is a few intervals old is a dead process.
            CREATE TABLE processes (
                id TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                hostname TEXT NOT NULL,
                pid INTEGER NOT NULL,
                queues TEXT,
                concurrency INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                last_heartbeat INTEGER NOT NULL,
                heartbeat_interval_ms INTEGER NOT NULL,
                running_tasks INTEGER NOT NULL,
                running_triggers INTEGER NOT NULL,
                stopped_at INTEGER
            );
            CREATE INDEX ix_processes_heartbeat ON processes (last_heartbeat);
            -- Queue depths are polled by the dashboard: count the active states without scanning finished rows.
            CREATE INDEX ix_task_instances_active_queue ON task_instances (state, queue) WHERE state IN ('queued', 'running', 'deferred');
            """),
        (10, """
            -- Airflow's task_instance_history: one row per finished try (the instance row keeps only the latest).
            CREATE TABLE task_instance_tries (
                run_pk INTEGER NOT NULL REFERENCES dag_runs (id) ON DELETE CASCADE,
                task_id TEXT NOT NULL,
                map_index INTEGER NOT NULL,
                try_number INTEGER NOT NULL,
                state TEXT NOT NULL,
                start_date INTEGER,
                end_date INTEGER,
                worker_id TEXT,
                PRIMARY KEY (run_pk, task_id, map_index, try_number)
            );
            """),
        (11, """
            -- Airflow's pool option: deferred task instances of this pool occupy their slots too.
            ALTER TABLE pools ADD COLUMN include_deferred INTEGER NOT NULL DEFAULT 0;
            """),
        (12, """
            -- The dashboard's failed task instances across every DAG, newest end first: an index over the
            -- failed rows only, so the many finished successfully cost nothing.
            CREATE INDEX ix_task_instances_failed ON task_instances (end_date DESC, id DESC) WHERE state = 'failed';
            """),
        (13, """
            -- Running rows are few (at most every worker's concurrency), so the lease sweep is answered through
            -- ix_task_instances_running; its own index only cost every claim and every result an insertion.
            DROP INDEX IF EXISTS ix_task_instances_lease;
            """),
    ];
}
