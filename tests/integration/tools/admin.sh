#!/bin/sh
# The administrator's tools in the VM: peios-ipcctl load, status, map,
# trust, show and unload as a round trip, its error reports, and
# peios-sd's userspace projection checked against the kernel's own (the
# whoami file) with the live identity map.  Leaves the module unloaded.
. /tests/lib/check.sh

ctl=/tools/peios-ipcctl
sd=/tools/peios-sd
sfs=/sys/kernel/security/peios_ipc
run_as=/tests/bin/run_as

# exit_is WANT COMMAND...: pass when COMMAND exits WANT.
exit_is() {
	_want=$1
	shift
	"$@" >/dev/null 2>&1
	[ $? -eq "$_want" ]
}

# says PATTERN COMMAND...: pass when COMMAND's output (stdout+stderr) matches.
says() {
	_pat=$1
	shift
	"$@" 2>&1 | grep -q -- "$_pat"
}

mounted() {
	grep -q " $1 [^-]* - $2 " /proc/self/mountinfo
}

unload_module

# Load, mount, status.
check "status before load exits 3" exit_is 3 $ctl status
check "load" $ctl load
check "the module is loaded" module_loaded
check "mqueue mounted on /dev/mqueue" mounted /dev/mqueue mqueue
check "peios_shm mounted on /dev/shm" mounted /dev/shm peios_shm
check "a second load is harmless" says "already loaded" $ctl load
check "and mounts nothing twice" \
	sh -c "[ \$(grep -c ' - mqueue ' /proc/self/mountinfo) -eq 1 ]"
$ctl status | sed "s/^/# /"
check "status: loaded with a refcount" says "^module: *loaded (refcount [0-9]*)" $ctl status
check "status: both mounts" sh -c "$ctl status | grep -q 'mqueue on /dev/mqueue' &&
	$ctl status | grep -q 'peios_shm on /dev/shm'"
check "status: queue count" says "^queues: *0 in /dev/mqueue" $ctl status
check "status: semaphore count" says "^semaphores: *0 in /dev/shm" $ctl status
check "status exits 0 when loaded" $ctl status

# The identity map.
check "map uid with an integrity level" $ctl map uid 1000 S-1-5-21-1-2-3-1001 il=low
check "map gid by SDDL alias" $ctl map gid 100 BU
expect "uid 1000 S-1-5-21-1-2-3-1001 il=low
gid 100 S-1-5-32-545" "the kernel holds what was written" cat $sfs/identity_map
check "a conflicting map line: EINVAL named" \
	says "Invalid argument (EINVAL)" $ctl map uid 1001 S-1-5-21-1-2-3-1001
check "and exits 1" exit_is 1 $ctl map uid 1001 S-1-5-21-1-2-3-1001
check "unmap of a missing entry: ENOENT named" says "(ENOENT)" $ctl unmap uid 4242
check "non-root cannot write the map" \
	says "(EACCES)" $run_as 1000 100 - $ctl map uid 5 WD
check "usage error exits 2" exit_is 2 $ctl map uid x BA
check "gid with an integrity level is a usage error" exit_is 2 $ctl map gid 5 BU il=low

# The trust table.
check "trust an executable" $ctl trust /tests/bin/catfile protected:peios
check "trust a relative path" sh -c "cd /tests/bin && $ctl trust run_as isolated:app"
expect "protected:peios /tests/bin/catfile
isolated:app /tests/bin/run_as" "the trust table" cat $sfs/trust_table
check "the trusted binary carries its PIP" \
	sh -c "/tests/bin/catfile $sfs/whoami | grep -qx 'pip 512:4096'"
check "trust of a missing file: ENOENT named" \
	says "(ENOENT)" $ctl trust /no/such/file protected:peios
check "untrust" $ctl untrust /tests/bin/run_as
expect "protected:peios /tests/bin/catfile" "entry removed" cat $sfs/trust_table

# show prints both tables and the caller's token.
$ctl show | sed "s/^/# /"
check "show: identity map" says "^  uid 1000 S-1-5-21-1-2-3-1001 il=low" $ctl show
check "show: trust table" says "^  protected:peios /tests/bin/catfile" $ctl show
check "show: whoami" says "^  user S-1-5-18 0x0" $ctl show

# peios-sd's projection against the kernel's, with the live map.
expect "$(cat $sfs/whoami)" "peios-sd token of root equals whoami" $sd token
expect "$($run_as 1000 100,27 fowner /bin/cat $sfs/whoami)" \
	"peios-sd --as-uid (mapped uid and gid, CAP_FOWNER) equals whoami" \
	$sd token --as-uid 1000 --gid 100 --groups 27 --caps fowner
expect "$($run_as 1001 101 sys_admin,0 /bin/cat $sfs/whoami)" \
	"peios-sd --as-uid (unmapped, CAP_SYS_ADMIN and CAP_CHOWN) equals whoami" \
	$sd token --as-uid 1001 --gid 101 --caps sys_admin,chown
check "check --as-uid uses the mapped SID" \
	$sd check --as-uid 1000 --sddl 'O:SYD:(A;;FR;;;S-1-5-21-1-2-3-1001)' --desired FR
check "without the map the default SID is denied" exit_is 1 \
	$sd check --as-uid 1000 --identity-map none \
	--sddl 'O:SYD:(A;;FR;;;S-1-5-21-1-2-3-1001)' --desired FR
check "check --as-uid uses the mapped integrity level" \
	says "^stage: *mic" $sd check --as-uid 1000 --sddl 'O:SYD:(A;;FA;;;WD)' \
	--desired WRITE_DATA
check "uid:N arguments resolve through the live map" \
	says "O:S-1-5-21-1-2-3-1001D:" sh -c \
	"$sd set --file /tmp/tools.sd 'O:SYD:' && $sd owner --file /tmp/tools.sd uid:1000 &&
	 $sd show --sddl --file /tmp/tools.sd"

# Back to a clean state: empty tables, no mounts, no module.
check "clear" $ctl clear
expect "" "identity map empty" cat $sfs/identity_map
expect "" "trust table empty" cat $sfs/trust_table
check "unload" $ctl unload
refute "the module is gone" module_loaded
refute "no mqueue mount left" mounted /dev/mqueue mqueue
refute "no peios_shm mount left" mounted /dev/shm peios_shm
check "unload when not loaded is harmless" $ctl unload
check "status after unload exits 3" exit_is 3 $ctl status
check "load --no-mount" $ctl load --no-mount
refute "nothing mounted" mounted /dev/mqueue mqueue
check "unload again" $ctl unload
refute "module gone again" module_loaded
rm -f /tmp/tools.sd
check_done
