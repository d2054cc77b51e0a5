/**
 * Schema versions, applied in order; `PRAGMA user_version` records how many ran. Never edit a shipped entry —
 * append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('agent', 'editor', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    resume_token_hash TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('bot', 'waiting', 'assigned', 'offline', 'closed')),
    queue TEXT,
    reason TEXT,
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'normal')),
    agent_id INTEGER REFERENCES staff(id),
    waiting_since TEXT,
    page TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT,
    contact_type TEXT,
    close_note TEXT
  );
  CREATE INDEX conversations_by_state ON conversations(state, queue);
  CREATE INDEX conversations_by_agent ON conversations(agent_id, state);

  -- text is the raw message (NULL once retention removed it); redacted is what analysis may see.
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    client_id TEXT,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'bot', 'agent', 'system')),
    text TEXT,
    redacted TEXT NOT NULL,
    meta TEXT,
    staff_id INTEGER REFERENCES staff(id),
    created_at TEXT NOT NULL,
    UNIQUE (conversation_id, client_id)
  );
  CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
  CREATE INDEX messages_by_created ON messages(created_at);

  CREATE TABLE handover_transitions (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    queue TEXT,
    agent_id INTEGER,
    at TEXT NOT NULL
  );
  CREATE INDEX transitions_by_conversation ON handover_transitions(conversation_id, id);

  -- The interaction log: redacted payloads only, kept longer than conversation text.
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    conversation_id TEXT,
    payload TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX events_by_at ON events(at);
  CREATE INDEX events_by_type ON events(type, at);
  CREATE INDEX events_by_conversation ON events(conversation_id);

  CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT REFERENCES conversations(id) ON DELETE SET NULL,
    lang TEXT NOT NULL,
    queue TEXT NOT NULL,
    question TEXT,
    question_redacted TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    consent INTEGER NOT NULL CHECK (consent = 1),
    status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    channel TEXT CHECK (channel IN ('email', 'phone')),
    answer TEXT,
    answered_by INTEGER REFERENCES staff(id),
    answered_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX tickets_by_status ON tickets(status, created_at);

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX audit_by_at ON audit(at);

  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX feedback_by_conversation ON feedback(conversation_id);
  `,
  // Health checks write and read back this one row, so /health is only "ok" while the database takes writes.
  `
  CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  // On-call alerts for a crisis nobody could take: one row per conversation and channel, so each is sent once.
  `
  CREATE TABLE on_call_alerts (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, channel)
  );
  CREATE INDEX on_call_alerts_by_status ON on_call_alerts(status);
  `,
  `
  -- Statistics per local day and department, so a year of /stats reads a few hundred rows instead of the
  -- whole interaction log (server/analytics/rollups.ts). A day is listed in stats_rollup_days once computed;
  -- it may have no rows in stats_rollups (no conversations). Rows hold counts and redacted text only.
  CREATE TABLE stats_rollup_days (
    day TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    computed_at TEXT NOT NULL
  );
  CREATE TABLE stats_rollups (
    day TEXT NOT NULL REFERENCES stats_rollup_days(day) ON DELETE CASCADE,
    department TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (day, department)
  );
  -- The highest event id the rollups have seen: later events may change an older day (a ticket answered
  -- next week belongs to the day its conversation started).
  CREATE TABLE stats_rollup_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seen_event_id INTEGER NOT NULL
  );
  -- An erased or expired conversation leaves the rollups at once (they hold its redacted questions): its
  -- local day is the UTC date or one either side, whatever the municipality's zone. Those days are
  -- computed again, without it, when next asked for.
  CREATE TRIGGER stats_rollup_conversation_deleted AFTER DELETE ON events
  WHEN OLD.type = 'conversation_started'
  BEGIN
    DELETE FROM stats_rollups
    WHERE day BETWEEN date(OLD.at, '-1 day') AND date(OLD.at, '+1 day');
    DELETE FROM stats_rollup_days
    WHERE day BETWEEN date(OLD.at, '-1 day') AND date(OLD.at, '+1 day');
  END;
  -- SQLite hands out the id of a deleted newest event again: look at ids from there on as new.
  CREATE TRIGGER stats_rollup_newest_event_deleted AFTER DELETE ON events
  WHEN OLD.id > coalesce((SELECT max(id) FROM events), 0)
  BEGIN
    UPDATE stats_rollup_state
    SET seen_event_id = min(seen_event_id, coalesce((SELECT max(id) FROM events), 0));
  END;
  `,
  // Versions of knowledge files saved in the editor console when the knowledge folder is not a git repository.
  `
  CREATE TABLE knowledge_versions (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    text TEXT,
    editor TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX knowledge_versions_by_path ON knowledge_versions(path, id);
  `,
  // Learning (issue 17): what citizens and staff did that may teach the bot, redacted, and editors' verdicts.
  // Small rows, one statement each in server/store/learning.ts; a conversation's signals go with it.
  `
  CREATE TABLE learning_signals (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('choice', 'vote', 'rephrase', 'staff_label', 'fallback')),
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    client TEXT NOT NULL,
    lang TEXT NOT NULL,
    question TEXT NOT NULL,
    file_id TEXT,
    helpful INTEGER,
    question_kind TEXT NOT NULL,
    question_reason TEXT,
    at TEXT NOT NULL
  );
  CREATE INDEX learning_signals_by_at ON learning_signals(at);
  CREATE TABLE learning_verdicts (
    id INTEGER PRIMARY KEY,
    item_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('approved', 'dismissed')),
    reason TEXT,
    editor TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX learning_verdicts_by_key ON learning_verdicts(item_key);
  `,
  // Issue 19: each staff member's console language, and who took an offline message and how it was typed.
  `
  CREATE TABLE staff_preferences (
    staff_id INTEGER PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
    console_lang TEXT CHECK (console_lang IN ('nb', 'nn', 'da', 'en'))
  );
  CREATE TABLE ticket_handling (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
    assigned_to INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    assigned_at TEXT,
    contact_type TEXT
  );
  `,
];
