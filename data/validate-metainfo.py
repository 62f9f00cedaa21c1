#!/usr/bin/env python3
# data/validate-metainfo.py — appstreamcli validate --pedantic, with nothing let through
#
#   validate-metainfo.py APPSTREAMCLI METAINFO.xml SCREENSHOTS-DIR
#
# appstreamcli exits 0 on infos and pedantic notes; a store page is judged
# on them too, so this fails on every issue but those listed in ALLOWED,
# each with the reason it cannot be fixed here. --no-net: the screenshot
# and homepage URLs are checked by the store, which has the network; here
# each screenshot URL must name a PNG in SCREENSHOTS-DIR of the size the
# metainfo gives.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

# (severity letter, tag, detail or None for any)
ALLOWED = {
    # The app id is io.github.storybank.Storybank: GNOME's convention, and an
    # app id never changes once published.
    ('P', 'cid-contains-uppercase-letter', None),
    # <developer id=…> is AppStream 1.0's (Flathub asks for it); Debian 12's
    # appstream 0.16 does not know it yet and reads <developer_name>.
    ('I', 'unknown-tag', 'developer'),
}

ISSUE = re.compile(r'^([EWIP]): [^:]+:(\d*):?\s*(\S+)\s*(.*)$')


def png_size(path):
    with open(path, 'rb') as f:
        header = f.read(24)
    if header[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    return struct.unpack('>II', header[16:24])


def check_screenshots(metainfo, screenshots):
    problems = []
    for image in ET.parse(metainfo).getroot().iter('image'):
        name = image.text.strip().rsplit('/', 1)[-1]
        path = os.path.join(screenshots, name)
        if not os.path.exists(path):
            problems.append('%s: no such screenshot in %s' % (image.text.strip(), screenshots))
            continue
        size = png_size(path)
        expected = (int(image.get('width', 0)), int(image.get('height', 0)))
        if size != expected:
            problems.append('%s is %s, the metainfo says %dx%d'
                            % (path, 'not a PNG' if size is None else '%dx%d' % size, *expected))
    return problems


def main(argv):
    if len(argv) != 3:
        print('usage: validate-metainfo.py APPSTREAMCLI METAINFO.xml SCREENSHOTS-DIR', file=sys.stderr)
        return 2
    appstreamcli, metainfo, screenshots = argv
    result = subprocess.run([appstreamcli, 'validate', '--pedantic', '--no-net', metainfo],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(result.stdout, end='')
    failed = result.returncode != 0
    for line in result.stdout.splitlines():
        match = ISSUE.match(line)
        if not match:
            continue
        severity, _, tag, detail = match.groups()
        if (severity, tag, None) in ALLOWED or (severity, tag, detail.strip()) in ALLOWED:
            continue
        print('not allowed: %s' % line, file=sys.stderr)
        failed = True
    for problem in check_screenshots(metainfo, screenshots):
        print(problem, file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
