#!/usr/bin/env bash
# make checkpatch: the kernel's checkpatch.pl over exactly what Kbuild
# builds: the sources of every object of the Kbuild modules and the project
# headers they include, directly or not.  A file passes when it has no
# error and no warning outside the justified list below; the closing line
# is "N passed, N failed" and any failure makes the exit status non-zero.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Warnings kept on purpose, as FILE:TYPE (FILE may be "*" for every
# file).  Each entry has its reason in Documentation/build-and-test.md
# ("checkpatch"); an entry that no longer matches anything fails the run,
# so the list stays as short as the warnings it excuses.
justified=(
	"module/kunit_exports.c:EXPORT_SYMBOL"
	"fs/mqueue/sysctl.c:CONST_STRUCT"
	"*:ALLOC_WITH_SIZEOF"
	"tests/cases/access_cases.c:SPLIT_STRING"
	"tests/cases/access_cases.c:STRING_FRAGMENTS"
	"tests/cases/sddl_cases.c:SPLIT_STRING"
	"include/peios/compat.h:LINUX_VERSION_CODE"
	"include/peios/compat.h:CONSTANT_COMPARISON"
)

"$PROJECT_TOP/scripts/fetch-kernel.sh"
cd "$PROJECT_TOP"

# Ask make for Kbuild's objects.  Kbuild is a makefile fragment with no
# rules; src=. resolves its $(wildcard)s from here.  A config-dependent
# object lands in MOD-y, MOD-m or, with the option unset as here, MOD-:
# the union is every object any config builds.  CONFIG_KUNIT=y as on the
# project kernel, so the KUnit module's sources are linted too.
objects=$(make -s --no-print-directory -f Kbuild -f - src=. CONFIG_KUNIT=y <<'EOF'
print-objects:
	@echo $(foreach m,$(obj-m),$($(m:.o=-y)) $($(m:.o=-m)) $($(m:.o=-)) $($(m:.o=-objs)))
EOF
)
[ -n "$objects" ] || die "Kbuild lists no objects"

# Follow the project's own includes: "x.h" beside the including file,
# <peios/...> and <uapi/peios/...> under include/ (Kbuild's -I).  Kernel
# headers are not ours to lint.  The machine is shared, so the walk reads
# every include line with one grep and forks nothing after that.
declare -A incs=() seen=()
while IFS= read -r hit; do
	f=${hit%%:*}
	inc=${hit#*:}
	inc=${inc#*include}
	inc=${inc#"${inc%%[<\"]*}"}
	case $inc in
	\"*) inc=${inc#\"} h=${f%/*}/${inc%%\"*} ;;
	\<peios/* | \<uapi/peios/*) inc=${inc#<} h=include/${inc%%>*} ;;
	*) continue ;;
	esac
	incs[$f]+=" $h"
done < <(grep -rH --include='*.[ch]' --exclude-dir=build --exclude-dir=.git \
	'^[[:space:]]*#[[:space:]]*include' . | sed 's|^\./||')

# Resolve "." and ".." in the relative path $1 into $REPLY.
normalise() {
	local part kept=() IFS=/
	for part in $1; do
		case $part in
		'' | .) ;;
		..) unset 'kept[-1]' ;;
		*) kept+=("$part") ;;
		esac
	done
	REPLY="${kept[*]}"
}

files=()
queue=()
for o in $objects; do
	[ -f "${o%.o}.c" ] || die "no source for Kbuild object $o"
	queue+=("${o%.o}.c")
done
while [ ${#queue[@]} -gt 0 ]; do
	normalise "${queue[0]}"
	f=$REPLY
	queue=("${queue[@]:1}")
	[ -z "${seen[$f]:-}" ] || continue
	[ -f "$f" ] || die "$f is included but does not exist"
	seen[$f]=1
	files+=("$f")
	# shellcheck disable=SC2206
	queue+=(${incs[$f]:-})
done
mapfile -t files < <(printf '%s\n' "${files[@]}" | sort)

# checkpatch takes about a millisecond a line, so its findings for each
# file are kept in build/checkpatch/, keyed by checkpatch and its data
# files, its options, the path and the content: only new or changed files
# are checked, with one run per CPU, each on every Nth of them.  Its status
# is 0 (clean) or 1 (something to say); any other status means it did not
# check its files.
opts=(--no-tree --terse --show-types "--ignore=SPDX_LICENSE_TAG,FILE_PATH_CHANGES")
tool=$(cat "$KSRC"/scripts/{checkpatch.pl,spelling.txt,const_structs.checkpatch} \
	- <<<"${opts[*]}" | sha256sum)
cache=$PROJECT_TOP/build/checkpatch/${tool:0:16}
mkdir -p "$cache"
declare -A entry=() current=()
todo=()
while read -r sum f; do
	entry[$f]=$cache/${f//\//%}.${sum:0:16}
	current[${entry[$f]}]=1
	[ -f "${entry[$f]}" ] || todo+=("$f")
done < <(sha256sum "${files[@]}")
# Forget files that changed or left the build.
for e in "$cache"/*; do
	[ ! -f "$e" ] || [ -n "${current[$e]:-}" ] || rm -f "$e"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pids=()
jobs=$(nproc)
for ((i = 0; i < jobs && i < ${#todo[@]}; i++)); do
	part=()
	for ((k = i; k < ${#todo[@]}; k += jobs)); do
		part+=("${todo[k]}")
	done
	"$KSRC/scripts/checkpatch.pl" "${opts[@]}" -f "${part[@]}" \
		>"$tmp/$i" 2>&1 &
	pids+=($!)
done
for pid in "${pids[@]}"; do
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" -le 1 ] || die "checkpatch.pl exited $rc"
done
# Terse lines read "FILE:LINE: LEVEL:TYPE: message"; file each under its
# file, which gets an entry even when checkpatch had nothing to say.
declare -A found=()
if [ ${#todo[@]} -gt 0 ]; then
	while IFS= read -r line; do
		[[ $line =~ ^([^:]+):[0-9]+: ]] || continue
		found[${BASH_REMATCH[1]}]+=$line$'\n'
	done < <(cat "$tmp"/*)
fi
for f in "${todo[@]}"; do
	printf '%s' "${found[$f]:-}" >"${entry[$f]}"
done
out=$(for f in "${files[@]}"; do cat "${entry[$f]}"; done)

declare -A bad=() used=()
while IFS= read -r line; do
	[[ $line =~ ^([^:]+):[0-9]+:\ (ERROR|WARNING):([A-Z0-9_]+): ]] || continue
	f=${BASH_REMATCH[1]} level=${BASH_REMATCH[2]} type=${BASH_REMATCH[3]}
	if [ "$level" = WARNING ]; then
		for j in "${justified[@]}"; do
			if [ "$j" = "$f:$type" ] || [ "$j" = "*:$type" ]; then
				used[$j]=1
				continue 2
			fi
		done
	fi
	echo "$line"
	bad[$f]=1
done <<<"$out"

stale=0
for j in "${justified[@]}"; do
	if [ -z "${used[$j]:-}" ]; then
		echo "checkpatch.sh: justified warning $j no longer occurs; remove it"
		stale=1
	fi
done

nfail=${#bad[@]}
echo "checkpatch: $((${#files[@]} - nfail)) passed, $nfail failed"
[ "$nfail" -eq 0 ] && [ "$stale" -eq 0 ]
