#!/usr/bin/env python3
"""qr-decode: turn a QR code drawn with half blocks (a tmux capture-pane
text on stdin) back into a PBM image (argv[1]) that zbarimg can read.

The code is the block of rows holding half-block characters, between the
leftmost and rightmost column that has one; a light border of 8 modules
is added and every module becomes 4x4 pixels."""
import sys

CELL = {' ': (0, 0), '\u2580': (1, 0), '\u2584': (0, 1), '\u2588': (1, 1)}
lines = sys.stdin.read().split('\n')
rows = [i for i, l in enumerate(lines) if any(c in l for c in '\u2580\u2584\u2588')]
if not rows:
    sys.exit('no half blocks on the screen')
cols = [j for i in rows for j, c in enumerate(lines[i]) if c in '\u2580\u2584\u2588']
x0, x1 = min(cols), max(cols)
grid = []
for i in range(rows[0], rows[-1] + 1):
    line = lines[i].ljust(x1 + 1)
    top, bottom = [], []
    for c in line[x0:x1 + 1]:
        if c not in CELL:
            sys.exit('not a half block at row %d: %r' % (i, c))
        t, b = CELL[c]
        top.append(t)
        bottom.append(b)
    grid += [top, bottom]
border, scale = 8, 4
w = len(grid[0]) + 2 * border
h = len(grid) + 2 * border
with open(sys.argv[1], 'w') as f:
    f.write('P1\n%d %d\n' % (w * scale, h * scale))
    for y in range(h * scale):
        my = y // scale - border
        row = []
        for x in range(w * scale):
            mx = x // scale - border
            d = 0 <= my < len(grid) and 0 <= mx < len(grid[0]) and grid[my][mx]
            row.append('1' if d else '0')
        f.write(' '.join(row) + '\n')
