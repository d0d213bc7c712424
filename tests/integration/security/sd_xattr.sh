#!/bin/sh
# Managing descriptors on queue files: the system.peios.sd attribute
# (read and write rules, malformed input), chmod, chown and stat derived
# from the descriptor, and the root directory's sd= mount option.
. /tests/lib/check.sh

load_module
mkdir -p /tmp/mq
mount -t mqueue none /tmp/mq
as1000="/tests/bin/run_as 1000 100 -"
as2000="/tests/bin/run_as 2000 200 -"
sdx=/tests/bin/sdx
q=/tmp/mq/sdq

check "uid 1000 creates a queue with creat(2)" $as1000 /bin/sh -c "umask 022; touch $q"
expect "1000 100 -rw-r--r--" "stat: owner, group and mode come from the SD" \
	stat -c "%u %g %A" $q
check "the owner's SID is S-1-22-1-1000" \
	sh -c "/tools/peios-sd show --sddl $q | grep -q '^O:S-1-22-1-1000G:S-1-22-2-100'"
expect "system.peios.sd" "listxattr names the descriptor" $sdx list $q

# chmod rewrites the mode ACEs; it needs WRITE_DAC.
check "the owner may chmod" $as1000 /bin/chmod 640 $q
expect "-rw-r-----" "chmod 640 shows as 640" stat -c %A $q
refute "another user may not chmod" $as2000 /bin/chmod 666 $q
refute "another user may not stat a 640 queue (no READ_ATTRIBUTES)" \
	$as2000 /bin/stat $q
expect "EACCES" "another user may not read the SD" $as2000 $sdx get $q
check "a group member may stat it" /tests/bin/run_as 3000 100 - /bin/stat $q

# Malformed descriptors are refused and change nothing.
before=$($sdx get $q)
for bad in 00 0100 01000080ff000000000000000000000000000000 \
	0100048014000000000000000000000000000000 \
	"$(echo "$before" | cut -c1-40)"; do
	expect EINVAL "malformed SD ($bad) is EINVAL" $sdx set $q "$bad"
done
expect "$before" "rejected writes changed nothing" $sdx get $q
expect EPERM "the descriptor cannot be removed" $sdx remove $q

# An absent component keeps its value: an SD with no owner, group or DACL
# changes nothing.
expect 0 "an SD carrying nothing is a no-op write" \
	$sdx set $q 0100008000000000000000000000000000000000
expect "$before" "and changed nothing" $sdx get $q

# The owner rule: nobody gives an object away without SeRestorePrivilege.
expect "" "the owner may not give the queue to uid 2000" \
	sh -c "$as1000 /tools/peios-sd owner $q S-1-22-1-2000 >/dev/null 2>&1 && echo given"
check "root (CAP_CHOWN: SeRestorePrivilege) may chown" chown 2000:200 $q
expect "2000 200" "chown shows in stat" stat -c "%u %g" $q
check "uid 2000 owns it now and may set a DACL" \
	$as2000 /tools/peios-sd set $q "D:(A;;FA;;;S-1-22-1-2000)(A;;FR;;;S-1-22-1-1000)(A;;FA;;;SY)"
expect "-rwx------" "a DACL set with peios-sd shows in the mode" stat -c %A $q

# Conditional ACEs (PSD-004 §3.8) decide on the kernel's token.
g100="(Member_of {SID(S-1-22-2-100)})"
check "root sets a conditional allow" /tools/peios-sd set $q \
	"D:(A;;FA;;;S-1-22-1-2000)(A;;FA;;;SY)(XA;;FR;;;WD;$g100)"
check "a member of group 100 may stat it (condition TRUE)" \
	/tests/bin/run_as 3000 100 - /bin/stat $q
refute "a non-member may not (condition FALSE)" \
	/tests/bin/run_as 3000 300 - /bin/stat $q
check "root sets a conditional deny" /tools/peios-sd set $q \
	"D:(XD;;FR;;;WD;$g100)(A;;FA;;;S-1-22-1-2000)(A;;FA;;;SY)(A;;FR;;;WD)"
refute "a member of group 100 may not stat it" \
	/tests/bin/run_as 3000 100 - /bin/stat $q
check "a non-member may" /tests/bin/run_as 3000 300 - /bin/stat $q
check "the condition reads back" sh -c \
	"/tools/peios-sd show --sddl $q | grep -qF '(XD;;FR;;;WD;$g100)'"

# Labels: raising above one's own level needs SeRelabelPrivilege.
refute "uid 2000 (Medium) may not set a High label" \
	$as2000 /tools/peios-sd integrity $q high
check "uid 2000 may set a Low label" $as2000 /tools/peios-sd integrity $q low
check "root (SeSecurityPrivilege) adds an audit ACE" \
	sh -c "/tools/peios-sd show --sddl $q > /tmp/sd && /tools/peios-sd set $q \"\$(cat /tmp/sd)(AU;SA;FA;;;WD)\""
check "root sees the audit ACE" sh -c "$sdx get $q > /dev/null && /tools/peios-sd show --sddl $q | grep -q AU"
check "the owner sees the label but not the audit ACE" \
	sh -c "$as2000 /tools/peios-sd show --sddl $q | grep -q ML && ! $as2000 /tools/peios-sd show --sddl $q | grep -q AU"
# A NULL DACL (PSD-004 §3.1) is stored with DACL_PRESENT clear; peios-sd set
# asks for it with DACL_PRESENT and offset 0, which a write understands.
check "the owner may set a NULL DACL" $as2000 /tools/peios-sd set $q "D:NO_ACCESS_CONTROL"
expect "0" "the NULL DACL is stored with DACL_PRESENT clear" \
	sh -c "/tools/peios-sd show $q | grep '^control:' | grep -c DACL_PRESENT || true"
check "a NULL DACL lets anyone stat the queue" $as1000 /bin/stat $q
rm -f $q
refute "the queue is gone" test -e $q
umount /tmp/mq

# The root directory: the default SD, and sd= replacing it.
check "mount with sd=" mount -t mqueue -o "sd=O:SYG:SYD:(A;;FA;;;SY)" none /tmp/mq
refute "with that SD uid 1000 cannot list the root" $as1000 /bin/ls /tmp/mq
refute "nor create a queue" $as1000 /bin/touch /tmp/mq/x
umount /tmp/mq
refute "a malformed sd= is refused" mount -t mqueue -o "sd=O:XX" none /tmp/mq
# The root's SD lives as long as the namespace's superblock, which goes a
# second after the last queue and mount (later on a loaded machine: the
# collector is delayed work; give it up to 10 s).
i=0
sleep 2
while [ $i -lt 16 ] && mount -t mqueue none /tmp/mq &&
	! $as1000 /bin/ls /tmp/mq >/dev/null 2>&1; do
	umount /tmp/mq
	sleep 0.5
	i=$((i + 1))
done
mounted() { grep -q ' /tmp/mq ' /proc/mounts; }
mounted || mount -t mqueue none /tmp/mq
check "a plain mount of a fresh superblock has the default SD" mounted
check "uid 1000 lists the root again" $as1000 /bin/ls /tmp/mq
umount /tmp/mq
check_done
