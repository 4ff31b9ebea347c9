-- Assets registered by a CMDB (or implicitly by their first evaluation) and the evaluations of
-- their configuration. Portable SQL: runs on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE asset (
    id          VARCHAR(200) PRIMARY KEY,
    hostname    VARCHAR(255),
    environment VARCHAR(100),
    owner       VARCHAR(255),
    mta_kind    VARCHAR(32),
    role        VARCHAR(16) NOT NULL DEFAULT 'mail_server',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT asset_role_check CHECK (role IN ('mail_server', 'host'))
);
CREATE INDEX IF NOT EXISTS asset_environment_idx ON asset (environment);

CREATE TABLE asset_tag (
    asset_id  VARCHAR(200) NOT NULL REFERENCES asset (id) ON DELETE CASCADE,
    tag_name  VARCHAR(100) NOT NULL,
    tag_value VARCHAR(255) NOT NULL,
    CONSTRAINT asset_tag_pk PRIMARY KEY (asset_id, tag_name)
);

CREATE TABLE evaluation (
    id            UUID PRIMARY KEY,
    asset_id      VARCHAR(200) NOT NULL REFERENCES asset (id),
    verdict       VARCHAR(8) NOT NULL,
    evaluated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    policy_digest VARCHAR(80) NOT NULL,
    engine        VARCHAR(100) NOT NULL,
    mta_kind      VARCHAR(32),
    results       TEXT NOT NULL,
    sources       TEXT NOT NULL,
    probe_id      VARCHAR(64),
    CONSTRAINT evaluation_verdict_check CHECK (verdict IN ('pass', 'fail'))
);
CREATE INDEX IF NOT EXISTS evaluation_asset_time_idx ON evaluation (asset_id, evaluated_at);
