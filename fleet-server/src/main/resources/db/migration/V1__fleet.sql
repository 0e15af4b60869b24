-- The fleet server's schema. Everything an instance knows lives here, so several instances agree.

CREATE TABLE terminal (
    id               text PRIMARY KEY,
    region           text NOT NULL,
    hall             text NOT NULL,
    profile          text NOT NULL,
    secret           text NOT NULL,          -- hex; the HMAC key, needed in clear to verify
    revoked_at       timestamptz,
    enrolled_at      timestamptz NOT NULL DEFAULT now(),
    last_seen        timestamptz,
    heartbeat        jsonb,                  -- the latest heartbeat as received
    heartbeat_count  bigint NOT NULL DEFAULT 0
);
CREATE INDEX terminal_hall ON terminal (hall);
CREATE INDEX terminal_region ON terminal (region);

-- A bounded history: slot = heartbeat_count mod 50, overwritten in turn.
CREATE TABLE heartbeat_history (
    terminal_id  text NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    slot         int NOT NULL,
    received_at  timestamptz NOT NULL,
    body         jsonb NOT NULL,
    PRIMARY KEY (terminal_id, slot)
);

CREATE TABLE nonce (
    terminal_id  text NOT NULL,
    nonce        text NOT NULL,
    seen_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (terminal_id, nonce)
);
CREATE INDEX nonce_seen_at ON nonce (seen_at);

CREATE TABLE command (
    id           uuid PRIMARY KEY,
    batch_id     uuid NOT NULL,
    terminal_id  text NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    type         text NOT NULL,
    args         jsonb NOT NULL DEFAULT '{}',
    status       text NOT NULL,              -- PENDING, DELIVERED, DONE, FAILED, REFUSED, EXPIRED
    detail       text,
    issued_by    text NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX command_open ON command (terminal_id) WHERE status IN ('PENDING', 'DELIVERED');
CREATE INDEX command_batch ON command (batch_id);
CREATE INDEX command_terminal_time ON command (terminal_id, issued_at DESC);

CREATE TABLE usage_day (
    terminal_id  text NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    day          date NOT NULL,
    item_code    text NOT NULL,
    started      int NOT NULL,
    completed    int NOT NULL,
    abandoned    int NOT NULL,
    reviews      jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (terminal_id, day, item_code)
);

CREATE TABLE alert (
    id               uuid PRIMARY KEY,
    terminal_id      text NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    detail           text,
    opened_at        timestamptz NOT NULL DEFAULT now(),
    closed_at        timestamptz,
    acknowledged_by  text,
    acknowledged_at  timestamptz
);
CREATE UNIQUE INDEX alert_one_open ON alert (terminal_id, kind) WHERE closed_at IS NULL;
CREATE INDEX alert_opened ON alert (opened_at DESC);

-- Alerts to post to the webhook; delivered with retries and backoff by whichever instance gets there first.
CREATE TABLE webhook_delivery (
    id               bigserial PRIMARY KEY,
    payload          jsonb NOT NULL,
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    last_error       text
);
CREATE INDEX webhook_due ON webhook_delivery (next_attempt_at) WHERE delivered_at IS NULL;

CREATE TABLE api_token (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    role         text NOT NULL,
    token_hash   text NOT NULL UNIQUE,       -- hex SHA-256 of the token (256 random bits)
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

CREATE TABLE account (
    name           text PRIMARY KEY,
    display_name   text NOT NULL,
    role           text NOT NULL,
    halls          text[] NOT NULL DEFAULT '{}',
    password_hash  text NOT NULL,            -- Argon2id, PHC string
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE console_session (
    id_hash      text PRIMARY KEY,           -- hex SHA-256 of the cookie value
    account      text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);

CREATE TABLE login_failure (
    account      text NOT NULL,
    address      text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_at ON login_failure (at);

CREATE TABLE audit (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    action    text NOT NULL,
    target    text,
    detail    text,
    address   text
);
CREATE INDEX audit_at ON audit (at DESC);
