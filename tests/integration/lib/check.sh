# Test helpers for the integration scripts (busybox sh).  Sourced.
# Each script ends with check_done, which prints "N passed, N failed" and
# sets the exit code.

_passed=0
_failed=0

ok() {
	_passed=$((_passed + 1))
	echo "ok - $*"
}

not_ok() {
	_failed=$((_failed + 1))
	echo "not ok - $*"
}

# expect WANT DESCRIPTION COMMAND...: run COMMAND, compare its output.
expect() {
	_want=$1
	_desc=$2
	shift 2
	_got=$("$@" 2>&1)
	if [ "$_got" = "$_want" ]; then
		ok "$_desc"
	else
		not_ok "$_desc: want '$_want', got '$_got'"
	fi
}

# check DESCRIPTION COMMAND...: pass when COMMAND exits 0.
check() {
	_desc=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ok "$_desc"
	else
		not_ok "$_desc"
	fi
}

# refute DESCRIPTION COMMAND...: pass when COMMAND fails.
refute() {
	_desc=$1
	shift
	if "$@" >/dev/null 2>&1; then
		not_ok "$_desc"
	else
		ok "$_desc"
	fi
}

check_done() {
	echo "$_passed passed, $_failed failed"
	[ "$_failed" -eq 0 ]
}

PEIOS_KO=/peios/peios_ipc.ko

module_loaded() {
	grep -q '^peios_ipc ' /proc/modules
}

load_module() {
	module_loaded || insmod "$PEIOS_KO" "$@"
}

# The module stays busy for about a second after its last queue went
# (Documentation/mqueue.md), so unloading retries for up to 10 s (a loaded
# machine can take a while to run the collector).
unload_module() {
	_i=0
	while module_loaded; do
		rmmod peios_ipc 2>/dev/null && return 0
		_i=$((_i + 1))
		[ $_i -ge 100 ] && { rmmod peios_ipc; return 1; }
		sleep 0.1
	done
	return 0
}

# run_tap COMMAND...: run a C test program (lib/tap.h), show its output
# and add its closing "N passed, N failed" to this script's counts.  A
# program that ends without that line counts as one failure.
run_tap() {
	_out=$("$@" 2>&1)
	_rc=$?
	echo "$_out" | grep -v -E '^[0-9]+ passed, [0-9]+ failed$'
	_line=$(echo "$_out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -z "$_line" ]; then
		not_ok "$* printed no result line (exit $_rc)"
		return
	fi
	_p=${_line%% passed*}
	_f=${_line#*passed, }
	_f=${_f%% failed*}
	_passed=$((_passed + _p))
	_failed=$((_failed + _f))
	[ "$_rc" -eq 0 ] || [ "$_f" -ne 0 ] || not_ok "$* exited $_rc"
}
