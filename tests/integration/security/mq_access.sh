#!/bin/sh
# Access control on message queues: each open mode against descriptors
# that grant or deny READ_DATA / WRITE_DATA, operations on handles lacking
# the right, getattr and the status line needing READ_ATTRIBUTES, unlink
# (DELETE, or FILE_DELETE_CHILD on the directory), create (FILE_ADD_FILE),
# a Low-integrity caller, a trust label, rights kept by open handles after
# the descriptor changes, the creator's rights, and creation modes giving
# exactly the Unix results for owner, group and others.
#
# Identities: uid 1000 gid 100 creates; uid 2000 gid 200 is tested
# against explicit ACEs; uid 2001 is in group 100; uid 3000 gid 300 is
# "other"; uid 3100 is mapped to Low integrity.
. /tests/lib/check.sh
load_module
mkdir -p /dev/mqueue
mount -t mqueue none /dev/mqueue
sfs=/sys/kernel/security/peios_ipc
bin=/tests/bin
Q=/dev/mqueue/acl
U2000=S-1-22-1-2000

as() { _u=$1; _g=$2; shift 2; $bin/run_as "$_u" "$_g" - $bin/mqctl "$@"; }
# A fresh queue "acl" made by uid 1000, then the DACL given (SYSTEM keeps
# full control so the script can go on editing it).
fresh() {
	$bin/mqctl unlink:/acl >/dev/null
	as 1000 100 umask:0 open:/acl:rwc:0600 >/dev/null
}
dacl() { peios-sd set $Q "D:(A;;FA;;;SY)$1"; }

# --- open modes ----------------------------------------------------------
fresh
dacl "(A;;0x1;;;$U2000)"
expect "ok ok EACCES EACCES" "READ_DATA only: O_RDONLY opens, O_WRONLY and O_RDWR do not" \
	as 2000 200 open:/acl:r close open:/acl:w open:/acl:rw
dacl "(A;;0x2;;;$U2000)"
expect "EACCES ok ok EACCES" "WRITE_DATA only: O_WRONLY opens, O_RDONLY and O_RDWR do not" \
	as 2000 200 open:/acl:r open:/acl:w close open:/acl:rw
dacl "(A;;0x3;;;$U2000)"
expect "ok ok ok" "READ_DATA|WRITE_DATA: all three modes open" \
	as 2000 200 open:/acl:r open:/acl:w open:/acl:rw
dacl "(D;;0x1;;;$U2000)(A;;FA;;;WD)"
expect "EACCES ok EACCES" "a deny ACE for READ_DATA before full control: no O_RDONLY, no O_RDWR" \
	as 2000 200 open:/acl:r open:/acl:w open:/acl:rw
dacl "(D;;0x2;;;$U2000)(A;;FA;;;WD)"
expect "ok EACCES EACCES" "a deny ACE for WRITE_DATA: only O_RDONLY" \
	as 2000 200 open:/acl:r open:/acl:w open:/acl:rw
dacl ""
expect "EACCES EACCES EACCES" "no ACE for the caller: nothing opens" \
	as 2000 200 open:/acl:r open:/acl:w open:/acl:rw

# --- operations on handles -----------------------------------------------
dacl "(A;;0x2;;;$U2000)"
expect "ok ok EBADF EACCES EACCES EBADF ok ok" \
	"write-only handle (WRITE_DATA): send; no receive (EBADF), notify, getattr, status (read(2): EBADF); setattr; mq_notify(NULL)" \
	as 2000 200 open:/acl:w send recv notify getattr status setattr unnotify
dacl "(A;;0x3;;;$U2000)"
expect "ok ok ok ok ok ok" \
	"a registration made through a read handle is removed through a write-only one" \
	as 2000 200 open:/acl:r notify open:/acl:w unnotify open:/acl:r notify
dacl "(A;;0x81;;;$U2000)"
expect "ok ok EBADF ok ok ok EACCES" \
	"read-only handle (READ_DATA|READ_ATTRIBUTES): receive, notify, getattr, status; no send, no setattr" \
	as 2000 200 open:/acl:r recv send notify getattr status setattr
dacl "(A;;0x3;;;$U2000)"
expect "ok EACCES EACCES ok" "getattr and the status line need READ_ATTRIBUTES" \
	as 2000 200 open:/acl:rw getattr status setattr
dacl "(A;;0x83;;;$U2000)"
expect "ok ok ok" "with READ_ATTRIBUTES they work" \
	as 2000 200 open:/acl:rw getattr status

# --- handles keep their rights ------------------------------------------------
rm -f /tmp/opened /tmp/go
as 2000 200 open:/acl:rw touch:/tmp/opened pause:/tmp/go send recv getattr \
	open:/acl:r > /tmp/keep.out &
i=0
while [ ! -e /tmp/opened ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
dacl ""
touch /tmp/go
wait
expect "ok ok ok ok ok ok EACCES" \
	"an open handle keeps its rights after the DACL loses them; a new open is refused" \
	cat /tmp/keep.out
rm -f /tmp/opened /tmp/go /tmp/keep.out

# --- unlink -----------------------------------------------------------------
dacl "(A;;0x3;;;$U2000)"
expect "EACCES" "unlink without DELETE or FILE_DELETE_CHILD is EACCES" \
	as 2000 200 unlink:/acl
check "the queue is still there" test -e $Q
dacl "(A;;0x10000;;;$U2000)"
expect "ok" "unlink with DELETE on the queue" as 2000 200 unlink:/acl
fresh
dacl "(A;;0x3;;;$U2000)"
root_sd=$(peios-sd show --sddl /dev/mqueue)
peios-sd allow /dev/mqueue uid:2000 0x40
expect "ok" "unlink with FILE_DELETE_CHILD on the directory" \
	as 2000 200 unlink:/acl
peios-sd set /dev/mqueue "$root_sd"
expect "$root_sd" "root descriptor restored" peios-sd show --sddl /dev/mqueue

# --- create -------------------------------------------------------------------
peios-sd deny /dev/mqueue uid:2000 0x2
expect "EACCES ENOENT" "mq_open O_CREAT without FILE_ADD_FILE is EACCES, nothing made" \
	as 2000 200 open:/acl2:rwc open:/acl2:r
expect "EACCES" "creat(2) in /dev/mqueue without FILE_ADD_FILE is EACCES" \
	as 2000 200 creat:/dev/mqueue/acl2:0600
expect "ok" "another user may still create (FILE_ADD_FILE from Everyone)" \
	as 3000 300 open:/acl2:rwc
peios-sd set /dev/mqueue "$root_sd"
$bin/mqctl unlink:/acl2 >/dev/null
expect "ok" "creat(2) in /dev/mqueue makes a queue" \
	as 2000 200 creat:/dev/mqueue/acl3:0600
expect "ok ok" "which mq_open opens" as 2000 200 open:/acl3:rw unlink:/acl3

# --- creator's rights ----------------------------------------------------------
expect "ok ok ok ok" "the creating open of a mode 0 queue keeps the rights it asked for" \
	as 1000 100 umask:0 open:/c0:rwc:0 send recv
expect "EACCES EACCES" "later opens get what the mode-0 DACL gives: nothing" \
	as 1000 100 open:/c0:r open:/c0:w
$bin/mqctl unlink:/c0 >/dev/null

# --- mandatory integrity -----------------------------------------------------------
fresh
dacl "(A;;FA;;;WD)"
peios-sd integrity $Q medium
echo "uid 3100 S-1-22-1-3100 il=low" > $sfs/identity_map
expect "ok EACCES EACCES" "a Low-integrity caller reads but cannot write a Medium queue" \
	as 3100 300 open:/acl:r open:/acl:w open:/acl:rw
expect "ok ok" "a Medium caller writes it" as 3000 300 open:/acl:w open:/acl:rw
echo "del uid 3100" > $sfs/identity_map

# --- trust label -------------------------------------------------------------------
fresh
dacl "(A;;FA;;;WD)"
peios-sd trust $Q protected:peios FR
cp $bin/mqctl /tmp/mqctl_trusted
echo "protected:peios /tmp/mqctl_trusted" > $sfs/trust_table
expect "ok EACCES" "an untrusted program is limited to the trust ACE's rights" \
	as 3000 300 open:/acl:r open:/acl:w
expect "ok ok" "a trusted program (trust table) is not, under the same DACL" \
	$bin/run_as 3000 300 - /tmp/mqctl_trusted open:/acl:r open:/acl:w
echo "del /tmp/mqctl_trusted" > $sfs/trust_table
rm -f /tmp/mqctl_trusted
$bin/mqctl unlink:/acl >/dev/null

# --- creation modes: exactly Unix ---------------------------------------------------
# Owner uid 1000 gid 100; group member uid 2001 (primary gid 100);
# other uid 3000 gid 300.  Unix: the first class that matches decides.
unix() { # MODE CLASS(0 owner, 1 group, 2 other) BIT(4 r, 2 w)
	_d=$(echo "$1" | cut -c$(($2 + 2)))
	[ $((_d & $3)) -ne 0 ] && echo ok || echo EACCES
}
bad=""
for mode in 0600 0640 0644 0660 0666 0604 0060 0006 0400 0200 0020 0002 \
	0460 0046 0406 0000 0777; do
	$bin/mqctl unlink:/mode >/dev/null
	as 1000 100 umask:0 open:/mode:rc:$mode close >/dev/null
	for cls in 0 1 2; do
		case $cls in
		0) who="1000 100" ;;
		1) who="2001 100" ;;
		2) who="3000 300" ;;
		esac
		got="$(as $who open:/mode:r) $(as $who open:/mode:w)"
		want="$(unix $mode $cls 4) $(unix $mode $cls 2)"
		[ "$got" = "$want" ] || bad="$bad $mode/$cls:$got"
	done
done
$bin/mqctl unlink:/mode >/dev/null
expect "" "17 creation modes give the Unix answer for owner, group and other (r and w)" \
	echo $bad

expect "" "no queue left behind" ls /dev/mqueue
expect "" "identity map empty" cat $sfs/identity_map
expect "" "trust table empty" cat $sfs/trust_table
umount /dev/mqueue
check "the module unloads" unload_module
check_done
