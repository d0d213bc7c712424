#!/usr/bin/env python3
"""Count KUnit results from the debugfs blocks the guest printed.

Each block is one suite's KTAP.  Leaves are counted: a plain case counts
once, a parameterised case counts each of its parameter rows (its own
summary line, which follows the rows, is not counted again).  Prints
failing results and ends with 'kunit: N passed, N failed, N skipped'.
Exit 1 unless all passed and at least one case ran.
"""
import re
import sys

RESULT = re.compile(r'^(\s*)(ok|not ok) \d+ (.*?)(\s+#\s*(SKIP.*))?$')


def parse(path):
    passed = failed = skipped = 0
    suite = None
    deepest_since = {}  # depth -> saw a deeper result since last at depth
    lines = open(path, errors='replace').read().splitlines()
    for line in lines:
        if line.startswith('PEIOS-KUNIT-BEGIN: '):
            suite = line.split(': ', 1)[1]
            deepest_since = {}
            continue
        if line.startswith('PEIOS-KUNIT-END'):
            suite = None
            continue
        if suite is None:
            continue
        m = RESULT.match(line.replace('\t', '    '))
        if not m:
            continue
        depth = len(m.group(1)) // 4
        name = m.group(3)
        if m.group(2) == 'not ok':
            print(f'not ok - {suite}: {name.strip()}'
                  + ('' if depth == 1 else f' (depth {depth})'))
        is_parent = deepest_since.get(depth, False)
        for d in range(depth + 1):
            deepest_since[d] = d < depth
        for d in [k for k in deepest_since if k > depth]:
            del deepest_since[d]
        if depth == 0 or is_parent:
            continue
        if m.group(5):
            skipped += 1
        elif m.group(2) == 'ok':
            passed += 1
        else:
            failed += 1
    return passed, failed, skipped


def main():
    try:
        passed, failed, skipped = parse(sys.argv[1])
    except OSError as err:
        print(f'kunit: no results ({err})')
        passed, failed, skipped = 0, 1, 0
    if passed + failed == 0:
        print('kunit: no test case ran')
        failed = 1
    print(f'kunit: {passed} passed, {failed} failed, {skipped} skipped')
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
