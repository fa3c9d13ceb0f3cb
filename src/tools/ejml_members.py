"""Which members of ejml-core that BoofCV's jars call are missing from another ejml-core version.

Usage (docs/temporal.md): python3 src/tools/ejml_members.py CALLER.jar:CALLER.jar... OLD-ejml-core.jar NEW-ejml-core.jar
Lists the references (javap -c) from the caller jars into the new ejml-core, and those that the old
one lacks, looking through superclasses and interfaces (default methods).
"""
import re, subprocess, sys, zipfile
callers, old, new = sys.argv[1].split(':'), sys.argv[2], sys.argv[3]

def classes(jar):
    with zipfile.ZipFile(jar) as z:
        return [n[:-6].replace('/', '.') for n in z.namelist()
                if n.endswith('.class') and 'module-info' not in n and not n.startswith('META-INF')]

def javap(cp, names, flags):
    out = []
    for i in range(0, len(names), 200):
        out.append(subprocess.run(['javap', *flags, '-cp', cp, *names[i:i + 200]],
                                  capture_output=True, text=True).stdout)
    return '\n'.join(out)

ref = re.compile(r'// (Method|InterfaceMethod|Field) ((?:pabeles|org/ejml)/[\w/$]+)\.("?[\w<>$]+"?):(\S+)')
refs = set()
for jar in callers:
    for m in ref.finditer(javap(jar, classes(jar), ['-c', '-p'])):
        refs.add((m.group(1), m.group(2).replace('/', '.'), m.group(3).strip('"'), m.group(4)))

def members(jar):
    """class -> (super, set of name:descriptor), from javap -s -p."""
    table, cls = {}, None
    text = javap(jar, classes(jar), ['-s', '-p'])
    lines = text.splitlines()
    for i, line in enumerate(lines):
        h = re.match(r'^(?:[\w ]*?)(?:class|interface|enum) ([\w.$]+)', line)
        if h and line.rstrip().endswith('{'):
            cls = h.group(1)
            plain = re.sub(r'<[^<>]*>', '', re.sub(r'<[^<>]*>', '', line))
            supers = re.findall(r'(?:extends|implements) ([\w.$, ]+)', plain)
            table[cls] = [[t.strip() for s in supers for t in s.split(',') if t.strip()], set()]
            continue
        d = re.match(r'^\s+descriptor: (\S+)', line)
        if d and cls:
            decl = lines[i - 1].strip().rstrip(';')
            name = re.search(r'([\w$<>]+)\(' , decl)
            name = name.group(1) if name else decl.split()[-1]
            if name == cls.split('.')[-1] or name == cls: name = '<init>'
            if decl.startswith('static {}'): name = '<clinit>'
            table[cls][1].add(name + ':' + d.group(1))
    return table

have_new, have_old = members(new), members(old)
def has(table, c, key):
    """Declared in c or in one of its superclasses or interfaces (default methods, constants)."""
    if c not in table: return False
    return key in table[c][1] or any(has(table, s, key) for s in table[c][0])

used = sorted(r for r in refs if r[1] in have_new)
missing = [r for r in used if r[1] not in have_old or not has(have_old, r[1], r[2] + ':' + r[3])]
print(f'{len(refs)} distinct references from the BoofCV jars into EJML; {len(used)} are to ejml-core '
      f'({len({r[1] for r in used})} classes); missing from {old.split("/")[-1]}: {len(missing)}')
for r in missing: print('  ', *r)
