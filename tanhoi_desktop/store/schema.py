"""The data file's schema: its marks (application_id, user_version) and the migrations
from each version to the next, as SQL (and the few steps that need the program after
their SQL). A new schema change is one more step in MIGRATIONS."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sqlite3
from collections.abc import Callable

from .. import domain, vntext

APPLICATION_ID = 0x54483232  # "TH22": marks a data file of this program
PROVINCE_APPLICATION_ID = 0x54483250  # "TH2P": a province file (province/store.py)
SCHEMA_VERSION = 11

SCHEMA_V1 = """
CREATE TABLE units (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT 'Cơ quan QLNN, chính quyền',
    in_scope_ct1   INTEGER NOT NULL DEFAULT 1 CHECK (in_scope_ct1 IN (0, 1)),
    special_sector INTEGER NOT NULL DEFAULT 0 CHECK (special_sector IN (0, 1)),
    special_reason TEXT,
    from_date      TEXT,
    to_date        TEXT,
    note           TEXT,
    sort_key       TEXT NOT NULL DEFAULT '',
    search_text    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE cadres (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    full_name        TEXT NOT NULL,
    gender           TEXT NOT NULL CHECK (gender IN ('Nam', 'Nữ')),
    birth            TEXT,
    ethnicity        TEXT,
    unit_id          INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    category         TEXT,
    position         TEXT,
    education        TEXT,
    political_theory TEXT,
    state_management TEXT,
    languages_it     TEXT,
    from_date        TEXT,
    to_date          TEXT,
    note             TEXT,
    sort_key         TEXT NOT NULL DEFAULT '',
    search_text      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cadres_unit ON cadres(unit_id);
CREATE INDEX cadres_sort ON cadres(sort_key);
CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    cadre_id    INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    title       TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('Cấp trưởng', 'Cấp phó')),
    decision_no TEXT,
    from_date   TEXT,
    to_date     TEXT
);
CREATE INDEX posts_unit ON posts(unit_id);
CREATE INDEX posts_cadre ON posts(cadre_id);
CREATE TABLE planning (
    id          INTEGER PRIMARY KEY,
    cadre_id    INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    period      TEXT,
    decision_no TEXT,
    from_date   TEXT,
    to_date     TEXT,
    note        TEXT
);
CREATE INDEX planning_cadre ON planning(cadre_id);
CREATE INDEX planning_unit ON planning(unit_id);
CREATE TABLE courses (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    organizer TEXT,
    from_date TEXT,
    to_date   TEXT,
    location  TEXT,
    cost      INTEGER,
    sort_key  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE enrolments (
    id             INTEGER PRIMARY KEY,
    course_id      INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    cadre_id       INTEGER NOT NULL REFERENCES cadres(id) ON DELETE CASCADE,
    result         TEXT NOT NULL DEFAULT 'Hoàn thành'
                   CHECK (result IN ('Hoàn thành', 'Chưa hoàn thành')),
    certificate_no TEXT,
    UNIQUE (course_id, cadre_id)
);
CREATE INDEX enrolments_cadre ON enrolments(cadre_id);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);
"""

# v2: the audit trail (Nhật ký thay đổi) and yearly snapshots of the figures (the
# baseline of the milestones). One row per changed record; an import also
# gets one summary row, and its row changes point to it through batch_id.
SCHEMA_V2 = """
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    person      TEXT,
    os_user     TEXT,
    action      TEXT NOT NULL,
    table_name  TEXT,
    record_id   INTEGER,
    record_code TEXT,
    before      TEXT,
    after       TEXT,
    batch_id    INTEGER REFERENCES audit_log(id)
);
CREATE INDEX audit_record ON audit_log(table_name, record_id);
CREATE INDEX audit_at ON audit_log(at);
-- covering indexes for the figures: the per-unit counts and the pool read only these
DROP INDEX cadres_unit;
CREATE INDEX cadres_unit_active ON cadres(unit_id, gender, from_date, to_date);
DROP INDEX planning_cadre;
CREATE INDEX planning_cadre_active ON planning(cadre_id, from_date, to_date);
CREATE TABLE snapshots (
    year      INTEGER PRIMARY KEY,
    as_of     TEXT NOT NULL,
    figures   TEXT NOT NULL,
    saved_at  TEXT NOT NULL
);
"""

# v3 is written in three parts, one per concern; each part may only add to the schema.

# v3, data safety: every file knows its own identity, so that a backup names the file it
# came from and a province can tell communes' files apart when it combines them.
SCHEMA_V3_IDENTITY = """
INSERT OR IGNORE INTO settings (key, value) VALUES ('file_id', lower(hex(randomblob(16))));
"""

# v3, the figures over the plan's years: the unit's role (CT1 national), the yearly
# close (who closed it, with what counts; a reopened year is kept in the audit trail),
# and the plan's start as a date (plan_start_year 2026 becomes plan_start 2026-01-01).
SCHEMA_V3_FIGURES = """
ALTER TABLE units ADD COLUMN role TEXT CHECK (role IS NULL OR role IN ('HĐND', 'UBND'));
ALTER TABLE snapshots ADD COLUMN closed_by TEXT;
ALTER TABLE snapshots ADD COLUMN counts TEXT;
INSERT OR IGNORE INTO settings (key, value)
    SELECT 'plan_start', value || '-01-01' FROM settings
    WHERE key = 'plan_start_year' AND value GLOB '[0-9][0-9][0-9][0-9]';
DELETE FROM settings WHERE key = 'plan_start_year';
"""

# v3, the plan's work beyond the figures: activities (with the units taking part), the
# budget per year, unit and funding source, and the units' yearly submissions.
SCHEMA_V3_PLAN = """
CREATE TABLE activities (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,
    task_group         TEXT,
    title              TEXT NOT NULL,
    from_date          TEXT,
    to_date            TEXT,
    unit_id            INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    participants       INTEGER CHECK (participants IS NULL OR participants >= 0),
    participants_women INTEGER CHECK (participants_women IS NULL OR participants_women >= 0),
    cost               INTEGER CHECK (cost IS NULL OR cost >= 0),
    funding            TEXT,
    findings           TEXT,
    recommendations    TEXT,
    follow_up          TEXT,
    follow_up_date     TEXT,
    note               TEXT,
    sort_key           TEXT NOT NULL DEFAULT '',
    search_text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_unit ON activities(unit_id);
-- the year's figures and budget roll-up read only this index
CREATE INDEX activities_year ON activities(from_date, unit_id, funding, cost, participants,
                                           participants_women);
-- a year's first page in title order: the titles in order, the year checked in the index
CREATE INDEX activities_sort ON activities(sort_key, from_date);
CREATE TABLE activity_units (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, unit_id)
);
CREATE INDEX activity_units_unit ON activity_units(unit_id);
CREATE TABLE budget (
    id       INTEGER PRIMARY KEY,
    year     INTEGER NOT NULL,
    unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    funding  TEXT NOT NULL,
    estimate INTEGER CHECK (estimate IS NULL OR estimate >= 0),
    spent    INTEGER CHECK (spent IS NULL OR spent >= 0),
    note     TEXT,
    UNIQUE (year, unit_id, funding)
);
CREATE TABLE submissions (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    file_name   TEXT,
    sha256      TEXT,
    counts      TEXT,
    audit_id    INTEGER REFERENCES audit_log(id)
);
CREATE INDEX submissions_year_unit ON submissions(year, unit_id);
"""

# v3, the letterhead: the parent body line became a setting of its own, empty by default
# (an Ủy ban nhân dân writes none). Before, it was made from the province, "An Giang" by
# default: a file with the default gets the new default; a file that chose another
# province keeps its line (printed in capitals).
SCHEMA_V3_LETTERHEAD = """
INSERT OR IGNORE INTO settings (key, value)
    SELECT 'parent_body', 'Ủy ban nhân dân tỉnh ' || trim(value) FROM settings
    WHERE key = 'province_name' AND trim(value) NOT IN ('', 'An Giang');
"""

# v4, the plan's planning duties (plan III.2, V.4): the training plan, the yearly review
# of the planning pool, each unit's own targets, posts and planning titles under the
# Party committee's Standing Committee (BTV), and a unit's own written report received
# with its workbook.
SCHEMA_V4_PLANNING_DUTIES = """
ALTER TABLE posts ADD COLUMN btv INTEGER NOT NULL DEFAULT 0 CHECK (btv IN (0, 1));
ALTER TABLE planning ADD COLUMN btv INTEGER NOT NULL DEFAULT 0 CHECK (btv IN (0, 1));
CREATE TABLE training_plan (
    id                 INTEGER PRIMARY KEY,
    year               INTEGER NOT NULL,
    kind               TEXT NOT NULL,
    planned            INTEGER NOT NULL CHECK (planned >= 0),
    planned_women      INTEGER CHECK (planned_women IS NULL OR planned_women >= 0),
    planned_pool_women INTEGER CHECK (planned_pool_women IS NULL OR planned_pool_women >= 0),
    unit_id            INTEGER REFERENCES units(id) ON DELETE RESTRICT,
    estimate           INTEGER CHECK (estimate IS NULL OR estimate >= 0),
    note               TEXT
);
CREATE UNIQUE INDEX training_plan_key ON training_plan(year, kind, ifnull(unit_id, 0));
CREATE TABLE pool_reviews (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL UNIQUE,
    review_date TEXT NOT NULL,
    decision_no TEXT,
    note        TEXT
);
CREATE TABLE unit_targets (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    year               INTEGER,
    female_key_leader  INTEGER CHECK (female_key_leader IS NULL OR female_key_leader IN (0, 1)),
    pool_women_percent INTEGER CHECK (pool_women_percent IS NULL
                                      OR pool_women_percent BETWEEN 0 AND 100),
    women_to_train     INTEGER CHECK (women_to_train IS NULL OR women_to_train >= 0),
    note               TEXT
);
CREATE UNIQUE INDEX unit_targets_key ON unit_targets(unit_id, ifnull(year, 0));
ALTER TABLE submissions ADD COLUMN report_results TEXT;
ALTER TABLE submissions ADD COLUMN report_difficulties TEXT;
ALTER TABLE submissions ADD COLUMN report_proposals TEXT;
"""

# v5: courses are searched as the other tables, on a folded text (no diacritics, name and
# code); the program fills it from each course's name and code (the folding is Python's,
# see AFTER_STEP), so that «boi duong» and «lớp» find what they should.
SCHEMA_V5_COURSE_SEARCH = """
ALTER TABLE courses ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
"""

# v6, the audit trail as a chain (store/audit_chain.py): each row's hash of the previous
# row's hash and its own content, and the newest row (so that rows cut from the end are
# found). The rows already there are chained by _migrate.
SCHEMA_V6_AUDIT_CHAIN = """
ALTER TABLE audit_log ADD COLUMN chain TEXT;
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    chain   TEXT NOT NULL
);
"""

# v7, an activity's state (spec/plan-work.md): done, planned or cancelled. The rows
# before it were all recorded as done. The year's work reads the state and the last day
# of each activity: they join the covering index.
SCHEMA_V7_ACTIVITY_STATE = """
ALTER TABLE activities ADD COLUMN state TEXT NOT NULL DEFAULT 'Đã thực hiện'
    CHECK (state IN ('Đã thực hiện', 'Kế hoạch', 'Hủy'));
DROP INDEX activities_year;
CREATE INDEX activities_year ON activities(from_date, unit_id, funding, cost, participants,
                                           participants_women, state, to_date);
"""

# v8, the texts a person writes in a report, kept per report ("2026", "2026-2030") with
# who changed them and when (store/report_texts.py); those typed before were settings.
SCHEMA_V8_REPORT_TEXTS = """
CREATE TABLE report_texts (
    report     TEXT NOT NULL,
    section    TEXT NOT NULL,
    text       TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT,
    PRIMARY KEY (report, section)
);
INSERT OR IGNORE INTO report_texts (report, section, text, changed_at, changed_by)
    SELECT substr(key, length(key) - 3), substr(key, 8, length(key) - 12), value,
           strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), ''
    FROM settings
    WHERE (key GLOB 'report_difficulties_[0-9][0-9][0-9][0-9]'
           OR key GLOB 'report_directions_[0-9][0-9][0-9][0-9]') AND trim(value) != '';
INSERT OR IGNORE INTO report_texts (report, section, text, changed_at, changed_by)
    SELECT substr(key, length(key) - 8, 4) || '-' || substr(key, length(key) - 3),
           substr(key, 15, length(key) - 24), value,
           strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), ''
    FROM settings
    WHERE key GLOB 'report_period_*_[0-9][0-9][0-9][0-9]_[0-9][0-9][0-9][0-9]'
      AND trim(value) != '';
DELETE FROM settings WHERE key GLOB 'report_difficulties_[0-9][0-9][0-9][0-9]'
    OR key GLOB 'report_directions_[0-9][0-9][0-9][0-9]'
    OR key GLOB 'report_period_*_[0-9][0-9][0-9][0-9]_[0-9][0-9][0-9][0-9]';
"""

# v9, the data generation (store/figures.py): a counter that every write to the records
# the figures are computed from bumps, by triggers, so that a write by any program (an
# SQLite tool too) counts; and figures kept for the generation they were computed on (the
# baseline: the figures on the day before the plan, which every report and every window
# would otherwise compute again from the whole file).
GENERATION_TABLES = ("units", "cadres", "posts", "planning", "courses", "enrolments",
                     "settings")
SCHEMA_V9_GENERATION = """
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);
CREATE TABLE kept_figures (
    name       TEXT PRIMARY KEY,
    generation INTEGER NOT NULL,
    value      TEXT NOT NULL
);
""" + "".join(f"CREATE TRIGGER {table}_{event.lower()}_generation AFTER {event} ON {table} "
              "BEGIN UPDATE data_generation SET n = n + 1; END;\n"
              for table in GENERATION_TABLES for event in ("INSERT", "UPDATE", "DELETE"))

# v10, the activities in title order with the id as the tie-break inside the index: the
# tab's search of every year's ids (ORDER BY sort_key, id) walks it without a sort, and a
# year's still checks the date inside it (the «+t.from_date» filter of store/browse.py).
SCHEMA_V10_ACTIVITY_ORDER = """
DROP INDEX activities_sort;
CREATE INDEX activities_sort ON activities(sort_key, id, from_date);
"""

# v11: codes in capitals (domain.upper_code), so that «vhxh» and «VHXH» are one code. All
# in its step after the SQL (_capital_codes): the schema itself is unchanged.
SCHEMA_V11_CODES_IN_CAPITALS = ""

MIGRATIONS: dict[int, str] = {1: SCHEMA_V1, 2: SCHEMA_V2,
                              3: SCHEMA_V3_IDENTITY + SCHEMA_V3_FIGURES + SCHEMA_V3_PLAN
                              + SCHEMA_V3_LETTERHEAD,
                              4: SCHEMA_V4_PLANNING_DUTIES,
                              5: SCHEMA_V5_COURSE_SEARCH,
                              6: SCHEMA_V6_AUDIT_CHAIN,
                              7: SCHEMA_V7_ACTIVITY_STATE,
                              8: SCHEMA_V8_REPORT_TEXTS,
                              9: SCHEMA_V9_GENERATION,
                              10: SCHEMA_V10_ACTIVITY_ORDER,
                              11: SCHEMA_V11_CODES_IN_CAPITALS}


def _fold_course_names(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, name, code FROM courses").fetchall()
    conn.executemany("UPDATE courses SET search_text = ? WHERE id = ?",
                     [(vntext.fold(f"{name or ''} {code or ''}"), course_id)
                      for course_id, name, code in rows])


_CODED = {"units": "name", "cadres": "full_name", "courses": "name", "activities": "title"}


def _capital_codes(conn: sqlite3.Connection) -> list[str]:
    """A file written before v11 holds its codes as they were typed: each becomes its
    capitals, an edit in the audit trail (chained with the rest when the migration seals
    the trail). Two codes of one kind that differed only by case cannot both: the later
    one gets the first free «-2», «-3»…, and the user is told which (the notices)."""
    person_row = conn.execute("SELECT value FROM settings WHERE key = 'entered_by'").fetchone()
    try:
        os_user = getpass.getuser()
    except Exception:  # no login name on some service accounts
        os_user = ""
    now = dt.datetime.now().isoformat(timespec="seconds")
    notices: list[str] = []
    capitalised = 0
    example = ""
    changed: set[str] = set()  # codes made by this step (kept by their record)
    for table, name_column in _CODED.items():
        rows = conn.execute(f"SELECT id, code, {name_column} FROM {table} ORDER BY id").fetchall()
        held = {code for _id, code, _name in rows}
        label = domain.ENTITY[table].label
        for record_id, code, name in rows:
            wanted = domain.upper_code(code)
            if wanted == code or domain.code_problem(wanted) is not None:
                continue
            new = wanted
            number = 1
            while new in held:  # another record's code, differing only by case
                number += 1
                new = f"{wanted}-{number}"
            held.discard(code)
            held.add(new)
            conn.execute(f"UPDATE {table} SET code = ?, search_text = ? WHERE id = ?",
                         (new, vntext.fold(f"{name or ''} {new}"), record_id))
            conn.execute(
                "INSERT INTO audit_log (at, person, os_user, action, table_name, record_id, "
                "record_code, before, after) VALUES (?, ?, ?, 'edit', ?, ?, ?, ?, ?)",
                (now, person_row[0] if person_row else "", os_user, table, record_id, new,
                 json.dumps({"code": code}, ensure_ascii=False),
                 json.dumps({"code": new}, ensure_ascii=False)))
            if new == wanted:
                capitalised += 1
                example = example or f"«{code}» thành «{new}»"
                changed.add(new)
            else:
                notices.append(
                    f"Mã «{code}» của {label} «{name}» trùng với mã «{wanted}» khi không "
                    f"phân biệt chữ hoa, chữ thường, nên đã được đổi thành «{new}». Hãy "
                    "xem lại và sửa mã nếu cần (Nhật ký ghi lại việc đổi).")
    if capitalised:
        notices.insert(0, f"Mã nay được ghi bằng chữ in hoa: {capitalised} mã viết chữ "
                          f"thường trong tệp đã được đổi (ví dụ {example}); Nhật ký ghi lại "
                          "từng mã.")
    # Records of two kinds whose codes now read the same («kt» a cadre, KT a unit): both
    # keep it (a form finds each among its own kind), but the user is told to change one.
    owners: dict[str, list[str]] = {}
    for table, name_column in _CODED.items():
        label = domain.ENTITY[table].label
        for code, name in conn.execute(f"SELECT code, {name_column} FROM {table} ORDER BY id"):
            if code in changed:
                owners.setdefault(code, []).append(f"{label} «{name}»")
    for code, named in owners.items():
        if len(named) > 1:
            notices.append(f"Mã «{code}» nay là mã của cả {' và '.join(named)} (trước đây "
                           "chỉ khác nhau chữ hoa, chữ thường). Mỗi mã chỉ nên dùng cho một "
                           "loại bản ghi: hãy đổi một mã.")
    return notices


# Steps that need the program after their SQL, in the same transaction; what one returns
# is told to the user (Store.notices).
AFTER_STEP: dict[int, Callable[[sqlite3.Connection], list[str] | None]] = {
    5: _fold_course_names, 11: _capital_codes}


def _split_sql(script: str) -> list[str]:
    """The statements of `script`, without their «;»: a trigger's body (BEGIN …; END)
    stays one statement."""
    out, part = [], ""
    for piece in script.split(";"):
        part += piece + ";"
        if sqlite3.complete_statement(part):
            if part.strip(" \n;"):
                out.append(part.strip()[:-1].strip())
            part = ""
    if part.strip(" \n;"):
        out.append(part.strip().rstrip(";").strip())
    return out
