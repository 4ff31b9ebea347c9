-- Live SMTP probe runs: one row per POST /api/v1/probes; per-target reports (with transcripts) as JSON.
-- Portable SQL: runs on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE probe (
    id          UUID PRIMARY KEY,
    asset_id    VARCHAR(200),
    status      VARCHAR(16) NOT NULL,
    targets     TEXT NOT NULL,
    options     TEXT,
    total       INTEGER NOT NULL,
    done        INTEGER NOT NULL,
    tests_done  INTEGER NOT NULL,
    results     TEXT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    error       TEXT,
    CONSTRAINT probe_status_check CHECK (status IN ('running', 'completed', 'failed'))
);
CREATE INDEX IF NOT EXISTS probe_asset_idx ON probe (asset_id);
