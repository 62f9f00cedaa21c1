#!/usr/bin/env python3
# flatpak/check-manifest.py — the Flatpak manifest asks for what the app needs, and no more
#
#   check-manifest.py MANIFEST.json APP_ID MESON.BUILD
#
# This machine cannot fetch the GNOME runtime to build the Flatpak, so the
# manifest's structure is checked instead:
#   - the app id, the command, and a GNOME runtime and SDK pinned to a
#     release (not master or nightly);
#   - the sandbox holes are exactly those in FINISH_ARGS: no network (the
#     app sends nothing anywhere) and no --filesystem (files are chosen
#     through the portal, which GtkFileChooserNative and GtkPrintOperation
#     use inside a sandbox);
#   - every dependency() of meson.build comes with the runtime
#     (RUNTIME_PROVIDES) or is built by a module of the manifest, and the
#     app is the last module, built with meson from this tree.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys

# Each hole in the sandbox, and why the app needs it.
FINISH_ARGS = {
    '--share=ipc': 'X11 shared memory, which fallback-x11 needs',
    '--socket=wayland': 'the window',
    '--socket=fallback-x11': 'the window where there is no Wayland',
    '--device=dri': 'GTK 4 draws with the GPU',
}

# pkg-config names org.gnome.Platform (47, on freedesktop-sdk 24.08)
# ships: GLib, GTK 4, libadwaita, json-glib, Pango, cairo, and SQLite
# (built with FTS5, which the bank's search needs).
RUNTIME_PROVIDES = {
    'glib-2.0', 'gio-2.0', 'gobject-2.0', 'json-glib-1.0', 'sqlite3', 'gtk4',
    'libadwaita-1', 'pango', 'pangocairo', 'cairo', 'cairo-pdf',
}


def check(manifest, app_id, meson_build):
    problems = []

    if manifest.get('id', manifest.get('app-id')) != app_id:
        problems.append('the app id is %r, not %r' % (manifest.get('id', manifest.get('app-id')), app_id))
    if manifest.get('command') != 'storybank':
        problems.append('the command is %r, not "storybank"' % manifest.get('command'))
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('the runtime and SDK must be org.gnome.Platform and org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'\d+(\.\d+)?', version):
        problems.append('runtime-version %r is not a pinned GNOME release such as "47"' % version)

    for arg in manifest.get('finish-args', []):
        if arg.startswith('--share=network'):
            problems.append('%s: Storybank sends nothing anywhere and needs no network' % arg)
        elif arg.startswith('--filesystem='):
            problems.append('%s: files are opened and saved through the portal, never by '
                            'reaching into the home folder or the host' % arg)
        elif arg not in FINISH_ARGS:
            problems.append('%s: not a permission the app needs (add it to FINISH_ARGS in %s '
                            'with its reason if it does)' % (arg, __file__))

    modules = manifest.get('modules', [])
    names = set()
    for module in modules:
        if not isinstance(module, dict):
            problems.append('module %r: give modules inline, so this check sees them' % module)
            continue
        if not module.get('name') or not module.get('sources'):
            problems.append('module %r has no name or no sources' % module.get('name'))
        names.add(module.get('name'))
    if not modules or not isinstance(modules[-1], dict) or modules[-1].get('name') != 'storybank':
        problems.append('the last module must be storybank itself')
    else:
        app = modules[-1]
        if app.get('buildsystem') != 'meson':
            problems.append('storybank is built with meson')
        if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in app.get('sources', [])):
            problems.append('storybank is built from this tree (a "dir" source with path "..")')

    with open(meson_build, encoding='utf-8') as f:
        wanted = re.findall(r"dependency\(\s*'([^']+)'", f.read())
    for dep in wanted:
        if dep not in RUNTIME_PROVIDES and dep not in names:
            problems.append('meson.build needs %r: neither the runtime (RUNTIME_PROVIDES) '
                            'nor a module of the manifest provides it' % dep)
    return problems


def main(argv):
    if len(argv) != 3:
        print('usage: check-manifest.py MANIFEST.json APP_ID MESON.BUILD', file=sys.stderr)
        return 2
    path, app_id, meson_build = argv
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('%s: %s' % (path, e), file=sys.stderr)
        return 1
    problems = check(manifest, app_id, meson_build)
    for problem in problems:
        print('%s: %s' % (path, problem), file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
