#!/usr/bin/env python3
# make-bank-fixtures.py — writes bank-vN.sqlite3: a bank exactly as schema
# version N left it, for the migration tests in tests/test-database.c.
#
# The schema is taken from the migrations array in src/core/sb-database.c,
# only its first N entries, so a fixture is what that version of Storybank
# made. Run it once for a new N and commit the file; never regenerate an
# older fixture from a newer tree (the migrations array only grows, so
# doing so is harmless, but a fixture must never change under a test).
#
#   tests/data/make-bank-fixtures.py 2 3
#
# bank-v1.sqlite3 predates this script and is kept as it was made.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "src", "core", "sb-database.c")
APPLICATION_ID = 0x53424B31


def read_migrations():
    text = open(SOURCE, encoding="utf-8").read()
    body = text[text.index("static const char *migrations[] = {"):]
    body = body[body.index("{") + 1:body.index("};")]
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    migrations, current = [], []
    # String literals, and the commas between entries.
    for token in re.finditer(r'"((?:[^"\\]|\\.)*)"|,', body):
        if token.group(0) == ",":
            migrations.append("".join(current))
            current = []
        else:
            assert "\\" not in token.group(1), "escapes in a migration: teach this script"
            current.append(token.group(1))
    if current:
        migrations.append("".join(current))
    return migrations


def fill(db, version):
    x = db.execute
    x("INSERT INTO meta (key, value) VALUES ('person-name', 'Grace Fixture')")
    x("INSERT INTO frameworks (id, slug, name, description, position, builtin) "
      "VALUES (1, 'core', 'Core themes', '', 0, 1)")
    x("INSERT INTO frameworks (id, slug, name, description, position, builtin) "
      "VALUES (2, 'my-framework', 'My framework', 'Made by the person', 1, 0)")
    x("INSERT INTO themes (id, framework_id, slug, name, position, builtin, edited) "
      "VALUES (1, 1, 'core-production-incident', 'Production incident', 0, 1, 0)")
    x("INSERT INTO themes (id, framework_id, slug, name, position, builtin, edited) "
      "VALUES (2, 1, 'core-data-migration', 'Data migration (my words)', 1, 1, 1)")
    x("INSERT INTO themes (id, framework_id, slug, name, description, position, builtin) "
      "VALUES (3, 2, 'my-framework-mentoring', 'Mentoring', 'Helping others grow', 0, 0)")
    stories = [
        (1, "5a0c1d2e-0000-4000-8000-000000000001", "Pool leak on launch day",
         "Checkout timed out at peak.", "I was on call.", "I found the leaked pool.",
         "Errors fell to 0.1%.", "Alert on saturation.", "Ask about the pager.", 1, 1700000000),
        (2, "5a0c1d2e-0000-4000-8000-000000000002", "Zero-downtime migration — Ünïcode 日本",
         "A billion rows to move.", "Lead the move.", "Dual writes and a backfill.",
         "No downtime.", "Rehearse the cut-over.", "", 0, 1700100000),
        (3, "5a0c1d2e-0000-4000-8000-000000000003", "Mentoring a new hire",
         "", "", "Weekly pairing.", "", "", "", 0, 1700200000),
    ]
    for (sid, uuid, title, situation, task, action, result, learning, notes, status, created) in stories:
        x("INSERT INTO stories (id, uuid, title, situation, task, action, result, learning, notes, "
          "status, is_example, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
          (sid, uuid, title, situation, task, action, result, learning, notes, status, created, created + 60))
    x("INSERT INTO story_themes VALUES (1, 1, 1), (2, 2, 1), (2, 1, 2), (3, 3, 1)")
    x("INSERT INTO questions (id, slug, text, listen_for, position, builtin, edited, hidden) "
      "VALUES (1, 'q-production-outage', 'Tell me about a production outage you debugged.', '', 0, 1, 0, 1)")
    x("INSERT INTO questions (id, slug, text, listen_for, position, builtin) "
      "VALUES (2, 'my-q-mentoring', 'Who have you helped grow?', 'A name and a result', 1, 0)")
    x("INSERT INTO question_themes VALUES (1, 1), (2, 3)")
    x("INSERT INTO story_questions VALUES (1, 1), (3, 2)")
    if version >= 2:
        x("INSERT INTO practice_log (story_id, question_id, practiced_at, seconds, rating) VALUES "
          "(1, 1, 1700300000, 95, 3), (1, NULL, 1700400000, 120, NULL), "
          "(3, 2, 1700500000, 80, 5), (2, NULL, 1700600000, 150, 1)")
    if version >= 4:
        x("UPDATE stories SET cue_situation = 'Peak checkout, pool exhausted', "
          "cue_task = 'On call: stop the timeouts', cue_action = 'Found the leak, patched, added an alert', "
          "cue_result = 'Errors 4% to 0.1% in an hour', cue_learning = 'Alert on saturation' WHERE id = 1")
        x("INSERT INTO question_drills (question_id, story_id, drilled_at, seconds, hit) VALUES "
          "(2, 3, 1700700000, 4, 1), (2, NULL, 1700800000, 8, 0)")
        x("INSERT INTO applications (id, slug, company, role, loop_date, job_description, why_company, "
          "notes, status, framework_id, created_at, updated_at) VALUES "
          "(1, 'acme-2026', 'Acme', 'Senior Backend Engineer', '2026-12-10', "
          "'- Own our payment services\n- Mentor engineers', 'Their ledger problem is mine', "
          "'Recruiter: Sam', 0, 2, 1700900000, 1700900060)")
        x("INSERT INTO requirements (id, application_id, position, text) VALUES "
          "(1, 1, 0, 'Own our payment services'), (2, 1, 1, 'Mentor engineers')")
        x("INSERT INTO requirement_stories VALUES (1, 1), (2, 3)")
        x("INSERT INTO rounds (id, application_id, position, name) VALUES "
          "(1, 1, 0, 'Hiring manager'), (2, 1, 1, 'Bar raiser')")
        x("INSERT INTO round_focus VALUES (1, 3), (2, 1)")
        x("INSERT INTO round_stories (round_id, story_id, position) VALUES (1, 3, 0), (2, 1, 0), (2, 2, 1)")
        x("INSERT INTO meta (key, value) VALUES ('current-application', 'acme-2026')")


def make(version):
    migrations = read_migrations()
    assert 1 <= version <= len(migrations), f"no schema version {version}"
    path = os.path.join(HERE, f"bank-v{version}.sqlite3")
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("BEGIN")
    for sql in migrations[:version]:
        for statement in split_statements(sql):
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    fill(db, version)
    db.execute("COMMIT")
    db.close()
    os.chmod(path, 0o644)
    print(path)


def split_statements(sql):
    statements, current = [], ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip() != ";":
                statements.append(current)
            current = ""
    return statements


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["2", "3", "4"]:
        make(int(arg))
