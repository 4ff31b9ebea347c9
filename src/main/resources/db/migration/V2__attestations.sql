-- Attestations (DSSE envelopes, hash-chained per asset), the keys that signed them and the monthly runs.
-- Portable SQL: runs on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE attestation (
    id              UUID PRIMARY KEY,
    asset_id        VARCHAR(200) NOT NULL REFERENCES asset (id),
    seq             BIGINT NOT NULL,
    kind            VARCHAR(10) NOT NULL,
    evaluation_id   UUID REFERENCES evaluation (id),
    period          VARCHAR(7),
    status          VARCHAR(16) NOT NULL,
    key_id          VARCHAR(64) NOT NULL,
    payload_digest  VARCHAR(64) NOT NULL,
    previous_digest VARCHAR(64),
    envelope        TEXT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id          UUID,
    -- one chain per asset, no forks
    CONSTRAINT attestation_chain_uq UNIQUE (asset_id, seq),
    -- one period attestation per asset and month (NULL periods, i.e. evaluation attestations, do not collide)
    CONSTRAINT attestation_period_uq UNIQUE (asset_id, period),
    -- one evaluation attestation per evaluation
    CONSTRAINT attestation_evaluation_uq UNIQUE (evaluation_id, kind),
    CONSTRAINT attestation_kind_check CHECK (kind IN ('evaluation', 'period')),
    CONSTRAINT attestation_status_check CHECK (status IN ('pass', 'fail', 'no_evidence')),
    CONSTRAINT attestation_period_check CHECK ((kind = 'period') = (period IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS attestation_period_idx ON attestation (period, asset_id);

-- Every public key that ever signed here, so verification survives key rotation.
CREATE TABLE attestation_key (
    key_id        VARCHAR(64) PRIMARY KEY,
    public_pem    TEXT NOT NULL,
    first_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A monthly run: assets are processed in id order in committed batches; last_asset_id is the cursor
-- a restarted process resumes from. heartbeat_at is the lease that keeps two processes off one run.
CREATE TABLE attestation_run (
    id            UUID PRIMARY KEY,
    period        VARCHAR(7) NOT NULL,
    state         VARCHAR(16) NOT NULL,
    trigger_kind  VARCHAR(16) NOT NULL,
    total         INTEGER NOT NULL,
    done          INTEGER NOT NULL,
    attested      INTEGER NOT NULL,
    no_evidence   INTEGER NOT NULL,
    already       INTEGER NOT NULL,
    last_asset_id VARCHAR(200),
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    error         TEXT,
    CONSTRAINT attestation_run_state_check CHECK (state IN ('running', 'completed', 'failed'))
);
CREATE INDEX IF NOT EXISTS attestation_run_state_idx ON attestation_run (state);
