#!/bin/sh
# peios-sd on real objects through the system.peios.sd attribute,
# following Documentation/sd-management.md.
. /tests/lib/check.sh

ctl=/tools/peios-ipcctl
sd=/tools/peios-sd
run_as=/tests/bin/run_as
obj=/dev/shm/tools_obj

exit_is() {
	_want=$1
	shift
	"$@" >/dev/null 2>&1
	[ $? -eq "$_want" ]
}

says() {
	_pat=$1
	shift
	"$@" 2>&1 | grep -q -- "$_pat"
}

# as1000 COMMAND...: run COMMAND as uid 1000, gid 100, no capabilities.
as1000() {
	$run_as 1000 100 - "$@"
}

# agree DESC RIGHTS OPEN_COMMAND...: peios-sd check --as-uid 1000 predicts
# the kernel's decision for the same identity.
agree() {
	_desc=$1
	_rights=$2
	shift 2
	exit_is 0 $sd check $obj --as-uid 1000 --gid 100 --desired "$_rights"
	_predicted=$?
	as1000 "$@" >/dev/null 2>&1
	_actual=$?
	[ $_actual -ne 0 ] && _actual=1
	if [ $_predicted -eq $_actual ]; then
		ok "$_desc"
	else
		not_ok "$_desc: peios-sd says $_predicted, the kernel $_actual"
	fi
}

unload_module
check "load" $ctl load

# The root directories' default SD: owner SYSTEM, Everyone may list,
# traverse and add files.
check "show /dev/shm" $sd show /dev/shm
check "root owned by SYSTEM" says "^O:SY" $sd show --sddl /dev/shm
check "root owned by SYSTEM (mqueue)" says "^O:SY" $sd show --sddl /dev/mqueue
check "Everyone may add files" $sd check /dev/shm --as-uid 1000 --desired ADD_FILE
check "a non-root user may read the root's SD" as1000 $sd show /dev/shm

# A new object: the mode (after umask) becomes the DACL.
umask 022
check "create an object" touch $obj
$sd show $obj | sed "s/^/# /"
check "owner SYSTEM for root's object" says "^O:SY" $sd show --sddl $obj
check "0644 gives Everyone FR" says "(A;;FR;;;WD)" $sd show --sddl $obj
check "the attribute is listed" sh -c "ls /dev/shm >/dev/null"

# set: the components the SDDL names replace the current ones.
check "set the DACL only" $sd set $obj 'D:(A;;FA;;;SY)'
expect "O:SYG:S-1-22-2-0D:(A;;FA;;;SY)" "owner and group kept" $sd show --sddl $obj
agree "uid 1000 may not read" READ_DATA /bin/cat $obj
check "allow uid:1000 read" $sd allow $obj uid:1000 r
agree "uid 1000 may read" READ_DATA /bin/cat $obj
agree "uid 1000 may not write" WRITE_DATA /bin/sh -c "echo x >> $obj"
check "deny uid:1000 read" $sd deny $obj uid:1000 READ_DATA
agree "the deny comes first" READ_DATA /bin/cat $obj
check "denied at the DACL" says "^stage: *dacl" $sd check $obj --as-uid 1000 --gid 100 \
	--desired READ_DATA

# Labels.
check "allow uid 1000 everything" $sd set $obj 'D:(A;;FA;;;SY)(A;;FA;;;S-1-22-1-1000)'
check "integrity high" $sd integrity $obj high
check "label shown" says "(ML;;NW;;;HI)" $sd show --sddl $obj
agree "medium cannot write up" WRITE_DATA /bin/sh -c "echo x >> $obj"
check "denied by MIC" says "^stage: *mic" $sd check $obj --as-uid 1000 --desired WRITE_DATA
agree "medium may read up" READ_DATA /bin/cat $obj
check "integrity back to low" $sd integrity $obj low

# Reading the SD needs READ_CONTROL; writing the DACL needs WRITE_DAC.
check "Everyone may only read data" $sd set $obj \
	'S:(ML;;NW;;;LW)D:(A;;FA;;;SY)(A;;0x1;;;WD)'
check "no READ_CONTROL: show fails with EACCES" \
	says "Permission denied" as1000 $sd show $obj
check "and exits 1" exit_is 1 as1000 $sd show $obj
check "no WRITE_DAC: allow fails" exit_is 1 as1000 $sd allow $obj WD FA

# Owner rules: uid 1000 may not give itself the object without
# WRITE_OWNER; root (CAP_CHOWN: SeRestorePrivilege) may give it away.
check "no WRITE_OWNER: owner fails" exit_is 1 as1000 $sd owner $obj uid:1000
check "root gives the object to uid 1000" $sd owner $obj uid:1000
check "owner shown" says "^O:S-1-22-1-1000" $sd show --sddl $obj
expect "1000" "stat reports the owner's uid" stat -c %u $obj

# chmod rewrites the mode ACEs; stat derives the mode from the DACL.
check "chmod 640" chmod 640 $obj
expect "640" "stat mode from the DACL" stat -c %a $obj
check "owner ACE present" says "(A;;0x1f019f;;;S-1-22-1-1000)" $sd show --sddl $obj

# Invalid input changes nothing.
before=$($sd show --sddl $obj)
check "invalid SDDL is a usage error" exit_is 2 $sd set $obj 'D:(A;;FA;;;XX)'
expect "$before" "nothing changed" $sd show --sddl $obj

# PIP last: no privilege bypasses a trust label, so once it is set this
# (untrusted) shell cannot change the object again.
obj2=/dev/shm/tools_obj2
check "create a second object" touch $obj2
check "allow uid 1000 everything on a second object" $sd set $obj2 \
	'D:(A;;FA;;;SY)(A;;FA;;;S-1-22-1-1000)'
check "trust label" $sd trust $obj2 protected:peios FR
check "denied by PIP" says "^stage: *pip" $sd check $obj2 --as-uid 1000 \
	--desired WRITE_DATA
refute "untrusted process cannot write" as1000 /bin/sh -c "echo x >> $obj2"
check "untrusted process may read" as1000 /bin/cat $obj2
refute "not even root may relabel it" $sd integrity $obj2 high
check "a trusted process may" sh -c "$ctl trust $sd protected:peios &&
	$sd integrity $obj2 high && $ctl untrust $sd"

rm -f $obj $obj2
check "unload" $ctl unload
check_done
