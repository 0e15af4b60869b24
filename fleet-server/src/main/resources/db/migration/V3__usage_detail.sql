-- Service statistics (no personal data): where visits were abandoned, the reasons given with reviews, and when
-- visits started (per local hour), as the terminals' usage reports carry them.
ALTER TABLE usage_day ADD COLUMN abandoned_at jsonb NOT NULL DEFAULT '{}';     -- step -> visits abandoned there
ALTER TABLE usage_day ADD COLUMN review_reasons jsonb NOT NULL DEFAULT '{}';   -- reason code -> count

CREATE TABLE usage_hour (
    terminal_id  text NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    day          date NOT NULL,
    hour         smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    started      int NOT NULL,
    PRIMARY KEY (terminal_id, day, hour)
);
CREATE INDEX usage_day_day ON usage_day (day);
