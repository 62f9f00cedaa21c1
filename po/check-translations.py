#!/usr/bin/env python3
# po/check-translations.py — every language in po/LINGUAS is complete and sound
#
#   check-translations.py SOURCE_ROOT
#
# Extracts a fresh POT from po/POTFILES.in the way meson's storybank-pot
# target does (xgettext with the glib preset), then, for each language in
# po/LINGUAS, fails when its .po
#   - is missing,
#   - lacks a message of the POT, or leaves one untranslated or fuzzy
#     (msgcmp, which counts neither as translated),
#   - has a format string that does not match its original, or a broken
#     header or plural forms (msgfmt --check).
# With LINGUAS empty it only checks that the POT can be extracted.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

# Meson 1.0's i18n preset 'glib' (mesonbuild/modules/i18n.py).
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def read_linguas(path):
    langs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            langs += line.split()
    return langs


def main(argv):
    if len(argv) != 1:
        print('usage: check-translations.py SOURCE_ROOT', file=sys.stderr)
        return 2
    root = argv[0]
    podir = os.path.join(root, 'po')
    for tool in ('xgettext', 'msgcmp', 'msgfmt'):
        if shutil.which(tool) is None:
            print('%s is not installed (Debian: gettext): skipping' % tool)
            return 77

    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'storybank.pot')
        result = subprocess.run(['xgettext', '--package-name=storybank', '-f',
                                 os.path.join(podir, 'POTFILES.in'), '-D', root,
                                 '-o', pot] + GLIB_PRESET)
        if result.returncode != 0 or not os.path.exists(pot):
            print('xgettext could not extract the messages of po/POTFILES.in', file=sys.stderr)
            return 1

        langs = read_linguas(os.path.join(podir, 'LINGUAS'))
        if not langs:
            print('po/LINGUAS lists no language: nothing to check')
        for lang in langs:
            po = os.path.join(podir, lang + '.po')
            if not os.path.exists(po):
                failed.append('%s: po/LINGUAS lists it, but there is no such file' % po)
                continue
            # -c: header, plural forms and every c-format string against its msgid.
            if subprocess.run(['msgfmt', '--check', '--check-format', '--statistics',
                               '-o', os.devnull, po]).returncode != 0:
                failed.append('%s: msgfmt --check found the problems above' % po)
            # Every message of the POT, translated and not fuzzy.
            if subprocess.run(['msgcmp', po, pot]).returncode != 0:
                failed.append('%s: messages of the POT are missing, untranslated or fuzzy '
                              '(see above; `meson compile -C build storybank-update-po` '
                              'merges the new ones in)' % po)

    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
