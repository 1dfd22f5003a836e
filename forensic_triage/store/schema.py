"""Versioned schema of the case database. Append migrations; never edit a released one."""

from __future__ import annotations

SCHEMA_VERSION = 5

MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE case_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    case_number TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    examiner TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    authority TEXT NOT NULL DEFAULT '',
    requester TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    created_utc TEXT NOT NULL,
    read_only INTEGER NOT NULL DEFAULT 0,
    imported_from TEXT
);

CREATE TABLE examiners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    qualifications TEXT NOT NULL DEFAULT '',
    key_fingerprint TEXT
);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,           -- short id used in locators, e.g. EXH-001
    exhibit TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    seals TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL,               -- raw | splitraw | ewf
    path TEXT NOT NULL,                 -- first segment, as given
    media_size INTEGER NOT NULL,
    sector_size INTEGER NOT NULL DEFAULT 512,
    ewf_header TEXT NOT NULL DEFAULT '{}',  -- JSON of EWF header values
    stored_md5 TEXT, stored_sha1 TEXT, stored_sha256 TEXT,
    md5 TEXT, sha1 TEXT, sha256 TEXT,
    verdict TEXT NOT NULL,              -- MATCH | MISMATCH | NOT STORED | NOT HASHED
    volume_system TEXT,
    added_utc TEXT NOT NULL
);

CREATE TABLE evidence_containers (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    seq INTEGER NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (evidence_id, seq)
);

CREATE TABLE volumes (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    addr INTEGER,                       -- partition table slot, NULL for a whole-media file system
    offset INTEGER NOT NULL,            -- bytes from the start of the media
    length INTEGER NOT NULL,            -- bytes
    description TEXT NOT NULL DEFAULT '',
    vs_type TEXT,
    fs_type TEXT,                       -- NULL when no file system was recognised
    block_size INTEGER,
    label TEXT,
    fs_status TEXT NOT NULL DEFAULT 'pending',   -- pending | walked | no-fs | error
    UNIQUE (evidence_id, offset, addr)
);

CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    volume_id INTEGER NOT NULL REFERENCES volumes(id),
    locator TEXT NOT NULL UNIQUE,       -- str(Locator): key + path (deleted names may share inode 0)
    partition_offset INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    attr_type INTEGER, attr_id INTEGER,
    stream TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    name_raw BLOB NOT NULL,             -- exact bytes from the file system
    parent_path TEXT NOT NULL,
    extension TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    allocated INTEGER NOT NULL,
    meta_allocated INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode INTEGER, uid INTEGER, gid INTEGER,
    mtime TEXT, atime TEXT, ctime TEXT, crtime TEXT,
    first_block INTEGER,
    flags TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',  -- pending | done | error | skipped
    md5 TEXT, sha1 TEXT, sha256 TEXT,
    mime TEXT, magic TEXT,
    entropy REAL,
    ext_mismatch INTEGER NOT NULL DEFAULT 0,
    detected_ext TEXT,
    encrypted TEXT,
    bytes_read INTEGER NOT NULL DEFAULT 0,
    hit_count INTEGER NOT NULL DEFAULT 0,
    hashset_match TEXT,                 -- 'notable' | 'known-good' | NULL
    job_id INTEGER
);
CREATE INDEX files_status ON files(status, first_block);
CREATE INDEX files_parent ON files(evidence_id, volume_id, parent_path);
CREATE INDEX files_sha256 ON files(sha256);
CREATE INDEX files_md5 ON files(md5);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                 -- intake | triage | export | package | search
    tool_version TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    command_line TEXT NOT NULL DEFAULT '',
    started_utc TEXT NOT NULL,
    ended_utc TEXT,
    outcome TEXT NOT NULL DEFAULT 'running',  -- running | completed | cancelled | failed | interrupted
    stats TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE warnings (
    id INTEGER PRIMARY KEY,
    job_id INTEGER,
    evidence_id INTEGER,
    file_id INTEGER,
    locator TEXT,
    source TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'warning',
    message TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    created_utc TEXT NOT NULL
);
CREATE INDEX warnings_file ON warnings(file_id);

CREATE TABLE artifacts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,           -- deterministic: uuid5(locator key, plugin, index)
    file_id INTEGER REFERENCES files(id),
    locator TEXT NOT NULL,
    type TEXT NOT NULL,
    plugin TEXT NOT NULL,
    plugin_version TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    time_utc TEXT,
    data TEXT NOT NULL,                 -- JSON of the record's fields
    job_id INTEGER
);
CREATE INDEX artifacts_type ON artifacts(type);
CREATE INDEX artifacts_file ON artifacts(file_id);

CREATE TABLE timeline (
    id INTEGER PRIMARY KEY,
    time_utc TEXT NOT NULL,
    event TEXT NOT NULL,                -- what happened, e.g. 'URL visited', 'File modified'
    source TEXT NOT NULL,               -- plugin name or 'fs'
    artifact_id INTEGER REFERENCES artifacts(id),
    file_id INTEGER REFERENCES files(id),
    locator TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX timeline_time ON timeline(time_utc);

CREATE TABLE yara_hits (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    locator TEXT NOT NULL,
    rule TEXT NOT NULL,
    namespace TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    strings TEXT NOT NULL DEFAULT '[]',
    ruleset_sha256 TEXT NOT NULL DEFAULT '',
    job_id INTEGER,
    UNIQUE (file_id, namespace, rule)
);

CREATE TABLE rulesets (
    id INTEGER PRIMARY KEY,
    job_id INTEGER,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    files TEXT NOT NULL DEFAULT '[]',   -- JSON [{path, sha256, rules, error}]
    UNIQUE (job_id, sha256)
);

CREATE TABLE hashsets_used (
    id INTEGER PRIMARY KEY,
    job_id INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- known-good | notable
    source TEXT NOT NULL DEFAULT '',
    entries INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL DEFAULT ''
);

CREATE TABLE hash_matches (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    set_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (file_id, set_name)
);

CREATE TABLE content_hits (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    locator TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    offset INTEGER NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    encoding TEXT NOT NULL DEFAULT 'ascii',
    search TEXT NOT NULL DEFAULT 'builtin',
    UNIQUE (file_id, kind, offset, search)
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL,          -- file | artifact | hit | content_hit
    target_id INTEGER NOT NULL,
    locator TEXT,
    tag TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    examiner TEXT NOT NULL,
    created_utc TEXT NOT NULL
);
CREATE INDEX tags_target ON tags(target_kind, target_id);

CREATE TABLE custody (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER REFERENCES evidence(id),
    exhibit TEXT NOT NULL,
    action TEXT NOT NULL,               -- received | sealed | unsealed | imaged | verified | analysed | exported | handed over
    who TEXT NOT NULL,
    time_utc TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    location TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    from_party TEXT NOT NULL DEFAULT '',
    to_party TEXT NOT NULL DEFAULT '',
    seals TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time_utc TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
""",
    # 2: small previews of tagged pictures, made when the examiner tags them, so that reports
    # (which never reopen the evidence) can show them.
    2: """
CREATE TABLE thumbnails (
    file_id INTEGER PRIMARY KEY REFERENCES files(id),
    source_sha256 TEXT NOT NULL,        -- SHA-256 of the full content the preview was made from
    mime TEXT NOT NULL DEFAULT 'image/png',
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    image BLOB NOT NULL,                -- PNG bytes
    created_utc TEXT NOT NULL
);
""",
    # 3: trust. Every value says how it is known and how complete it is; the examiner's own words.
    #  - evidence.source_timezone: the zone the examiner declares for the device's local clocks
    #    (NULL = unknown). Zone-less times (FAT, EXIF, ...) are stored as naive local text
    #    (no 'Z') with files.time_basis = 'local'; they are turned into UTC at read time with
    #    this zone, so changing it re-derives every such time (timeline rows are rewritten).
    #  - evidence.intake_state: 'complete' once every intake step landed; an interrupted
    #    'evidence add' leaves 'incomplete' and can be re-run.
    #  - files.time_basis: 'utc' (the file system records UTC) | 'local' (local wall clock).
    #  - files.status gains 'partial' (readable_bytes = bytes_read < size; hashes cover the
    #    readable bytes only) and 'no-content' (a deleted name with nothing left to read);
    #    files.unreadable is a JSON list of [start, end) byte ranges that could not be read.
    #  - artifacts.time_basis / timeline.basis: 'utc' | 'assumed:ZONE' (local time made UTC
    #    with the examiner's declared zone); timeline.local_time keeps the source's own text.
    #  - case_info.request / conclusions; examiners.qualifications already exists.
    #  - tags.interpretation / alternatives: the examiner's reading of a finding.
    #  - custody.entered_utc / entered_by: when and by whom an event was recorded.
    3: """
ALTER TABLE evidence ADD COLUMN source_timezone TEXT;
ALTER TABLE evidence ADD COLUMN intake_state TEXT NOT NULL DEFAULT 'complete';
ALTER TABLE files ADD COLUMN time_basis TEXT NOT NULL DEFAULT 'utc';
ALTER TABLE files ADD COLUMN unreadable TEXT NOT NULL DEFAULT '[]';
ALTER TABLE artifacts ADD COLUMN time_basis TEXT NOT NULL DEFAULT 'utc';
ALTER TABLE timeline ADD COLUMN basis TEXT NOT NULL DEFAULT 'utc';
ALTER TABLE timeline ADD COLUMN local_time TEXT;
ALTER TABLE case_info ADD COLUMN request TEXT NOT NULL DEFAULT '';
ALTER TABLE case_info ADD COLUMN conclusions TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN interpretation TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN alternatives TEXT NOT NULL DEFAULT '';
ALTER TABLE custody ADD COLUMN entered_utc TEXT NOT NULL DEFAULT '';
ALTER TABLE custody ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';
""",
    # 4: training cases (issue 15). A case made from an exercise pack is a *training* case:
    #  - case_info.training: '' for casework; for a training case the JSON of the exercise
    #    ({"pack_id", "title", "content_id", "student", ...}). The tool sets it once, on a new
    #    case that holds no evidence yet, and never changes it (store/training_repo.py): a training
    #    case cannot become casework nor casework training. An edit outside the tool changes the
    #    covered table case_info and is named by 'verify'. (No trigger: package verification
    #    refuses a snapshot that holds any.)
    #  - exercise_questions: the pack's public questions (no answers: the key stays sealed in the pack).
    #  - exercise_answers: the student's current answer per question (changes are audited).
    #  - exercise_hints: the hints taken, with their cost in points.
    #  - exercise_submission: one row once the student submits; answers are frozen from then on.
    4: """
ALTER TABLE case_info ADD COLUMN training TEXT NOT NULL DEFAULT '';

CREATE TABLE exercise_questions (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    points REAL NOT NULL,
    type TEXT NOT NULL,                 -- text | number | path | hash | time | paths | choice
    details TEXT NOT NULL DEFAULT '{}'  -- JSON: choices, hints [{text, cost}], source ('tags') and tag
);

CREATE TABLE exercise_answers (
    question_id TEXT PRIMARY KEY REFERENCES exercise_questions(id),
    value TEXT NOT NULL,
    actor TEXT NOT NULL,
    answered_utc TEXT NOT NULL,
    revisions INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE exercise_hints (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES exercise_questions(id),
    hint_index INTEGER NOT NULL,
    cost REAL NOT NULL,
    actor TEXT NOT NULL,
    taken_utc TEXT NOT NULL,
    UNIQUE (question_id, hint_index)
);

CREATE TABLE exercise_submission (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    actor TEXT NOT NULL,
    submitted_utc TEXT NOT NULL,
    answers_sha256 TEXT NOT NULL
);
""",
    # Format 5: layers between a volume and its file system, and evidence that is not a disk.
    #  - evidence.details: JSON of what the container says about itself, beside ewf_header:
    #    {"container": {...}} (virtual disk metadata: format, virtual size, parent chain, extents),
    #    {"device": {...}} (a phone extraction's device: name, model, os_version, serial, udid,
    #    imei, backup_date, extraction_tool), {"extraction_hashes": [{"path","algorithm","value"}]}.
    #    evidence.format now also takes vhd | vhdx | vmdk | qcow2 | folder | zip | tar | iosbackup.
    #  - volumes.layer: the layer text of locators on this volume ('' = the file system sits
    #    directly on the partition); volumes.parent_id: the volume it was opened from (a shadow
    #    copy's NTFS volume, the encrypted volume an unlocked file system lies in);
    #    volumes.lock_state: '' | 'locked' | 'unlocked'; volumes.details: JSON (shadow copy id and
    #    creation time, encryption method and what unlocks it, APFS volume name and role).
    #    The table is rebuilt because its unique key now includes the layer (a shadow copy shares
    #    its volume's offset and slot).
    #  - files.layer: the layer of the entry's locator ('' for every entry of earlier formats).
    5: """-- foreign_keys off
ALTER TABLE evidence ADD COLUMN details TEXT NOT NULL DEFAULT '{}';

CREATE TABLE volumes_v5 (
    id INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    addr INTEGER,                       -- partition table slot, NULL for a whole-media file system
    offset INTEGER NOT NULL,            -- bytes from the start of the media
    length INTEGER NOT NULL,            -- bytes
    description TEXT NOT NULL DEFAULT '',
    vs_type TEXT,
    fs_type TEXT,                       -- NULL when no file system was recognised
    block_size INTEGER,
    label TEXT,
    fs_status TEXT NOT NULL DEFAULT 'pending',   -- pending | walked | no-fs | error | locked
    layer TEXT NOT NULL DEFAULT '',     -- Locator.layer of the files on it ('' = directly on the partition)
    parent_id INTEGER REFERENCES volumes(id),
    lock_state TEXT NOT NULL DEFAULT '',         -- '' | locked | unlocked
    details TEXT NOT NULL DEFAULT '{}',
    UNIQUE (evidence_id, offset, addr, layer)
);
INSERT INTO volumes_v5(id, evidence_id, addr, offset, length, description, vs_type, fs_type, block_size, label,
                       fs_status)
    SELECT id, evidence_id, addr, offset, length, description, vs_type, fs_type, block_size, label, fs_status
    FROM volumes ORDER BY id;
DROP TABLE volumes;
ALTER TABLE volumes_v5 RENAME TO volumes;

ALTER TABLE files ADD COLUMN layer TEXT NOT NULL DEFAULT '';
""",
}
