#!/usr/bin/env python3
"""kiosk-monkey.py: random input for the kiosk running in a tmux pane.

Usage: kiosk-monkey.py SOCKET TARGET EVENTS SEED
Writes EVENTS random events (keys, SGR 1006 touches, resizes) into the
pane in batches through `tmux send-keys -l`, so the kiosk reads them as
fast as it can. Never sends q, Q or Ctrl-C (they quit with --no-lock).
Prints "events N batches B resizes R".
"""
import random
import subprocess
import sys

KEYS = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "e", "l", "s",
    "w", "x", " ", "\r", "\t", "\x7f", "\x1b[A", "\x1b[B", "\x1b[C",
    "\x1b[D", "\x1b[5~", "\x1b[6~", "\x1b[Z", "\x1bOP", "\x1bOQ", "\x1bOR",
    "\x1b[24~", "é", "ş", "ا", "\x1b",
    # Sequences curses does not know: dropped whole, never typed.
    "\x1b[99~", "\x1b[1;5X", "\x1bOz",
]


def touch(rng, cols, rows):
    """A tap (press and release), a double tap, a press never released,
    a release with no press, or another button or the wheel."""
    x, y = rng.randint(1, cols), rng.randint(1, rows)
    x2, y2 = (x, y) if rng.random() < 0.8 else (rng.randint(1, cols),
                                               rng.randint(1, rows))
    tap = "\x1b[<0;%d;%dM\x1b[<0;%d;%dm" % (x, y, x2, y2)
    r = rng.random()
    if r < 0.6:
        return tap
    if r < 0.8:
        return tap + tap
    if r < 0.9:
        return "\x1b[<0;%d;%dM" % (x, y)
    if r < 0.95:
        return "\x1b[<0;%d;%dm" % (x, y)
    return "\x1b[<%d;%d;%dM" % (rng.choice([1, 2, 32, 64, 65]), x, y)


def main():
    sock, target, events, seed = sys.argv[1], sys.argv[2], \
        int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    cols, rows = 80, 24
    sent = batches = resizes = 0
    while sent < events:
        n = min(500, events - sent)
        parts = []
        for _ in range(n):
            r = rng.random()
            if r < 0.3:
                parts.append(touch(rng, cols, rows))
            else:
                parts.append(rng.choice(KEYS))
        subprocess.run(["tmux", "-L", sock, "send-keys", "-t", target,
                        "-l", "".join(parts)], check=True)
        sent += n
        batches += 1
        if rng.random() < 0.3:
            cols, rows = rng.randint(40, 200), rng.randint(12, 60)
            subprocess.run(["tmux", "-L", sock, "resize-window", "-t",
                            target, "-x", str(cols), "-y", str(rows)],
                           check=True)
            resizes += 1
    print("events %d batches %d resizes %d" % (sent, batches, resizes))


if __name__ == "__main__":
    main()
