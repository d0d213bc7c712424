#!/bin/sh
# peios_shm at /dev/shm: shared memory and named semaphores through glibc
# and musl, the kernel semaphore path, access control by SD (DACL, creator
# rights, mmap rights, integrity, trust), size limits and memory release.
# Leaves nothing mounted and nothing created.
. /tests/lib/check.sh

bin=/tests/bin
sd=/tools/peios-sd
sfs=/sys/kernel/security/peios_ipc
run_as=$bin/run_as

# as1000 COMMAND...: uid 1000, gid 100, no capabilities.
as1000() {
	$run_as 1000 100 - "$@"
}

# prog NAME: run a C test program, counting its own results.
prog() {
	echo "# $1"
	_out=$("$bin/$1" 2>&1)
	_rc=$?
	echo "$_out"
	_p=$(echo "$_out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	_f=$(echo "$_out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$_p" ]; then
		not_ok "$1 printed no result (exit $_rc)"
		return
	fi
	_passed=$((_passed + _p))
	_failed=$((_failed + _f))
	[ "$_rc" -eq 0 ] || [ "$_f" -ne 0 ] || not_ok "$1 exited $_rc"
}

load_module
mkdir -p /dev/shm
check "mount peios_shm on /dev/shm" mount -t peios_shm none /dev/shm
expect "peios_shm" "the mount's type" sh -c "grep ' /dev/shm ' /proc/mounts | cut -d' ' -f3"
umask 022

prog shm_basic
prog shm_basic_musl
prog shm_sem
prog shm_sem_musl
prog shm_semk

# --- access control ---------------------------------------------------------
s=/dev/shm/sem.peios_acl
rm -f $s
check "root creates a semaphore 0600 with glibc" $bin/shm_semk create /peios_acl 1 600
refute "uid 1000 has no rights: sem_open fails" as1000 $bin/shm_semk open /peios_acl
check "allow uid 1000 read only" $sd allow $s uid:1000 r
refute "a read-only grant cannot open a semaphore (glibc)" \
	as1000 $bin/shm_semk open /peios_acl
refute "nor through the kernel path" as1000 /tools/peios-sem getvalue $s
check "but a read-only handle reads the value and cannot post or wait" \
	as1000 $bin/shm_semk rdonly $s
check "allow uid 1000 read and write" $sd allow $s uid:1000 r,w
check "now glibc's sem_open works" as1000 $bin/shm_semk open /peios_acl
check "and the kernel path posts" as1000 /tools/peios-sem post $s
expect "2" "getvalue 2" as1000 /tools/peios-sem getvalue $s
check "mmap PROT_READ|PROT_WRITE shared" as1000 $bin/shm_semk mmap $s rw
refute "mmap PROT_EXEC needs FILE_EXECUTE" as1000 $bin/shm_semk mmap $s rx
# FILE_GENERIC_WRITE holds FILE_WRITE_ATTRIBUTES: keep to the data rights.
check "uid 1000: FR and WRITE_DATA only" $sd set $s 'D:(A;;FA;;;SY)(A;;0x12008b;;;S-1-22-1-1000)'
check "still enough for sem_open" as1000 $bin/shm_semk open /peios_acl
refute "uid 1000 cannot unlink without DELETE" as1000 /bin/rm -f $s
refute "nor link without FILE_WRITE_ATTRIBUTES" as1000 /bin/ln $s /dev/shm/sem.peios_acl2
check "allow uid 1000 WRITE_ATTRIBUTES and DELETE" $sd allow $s uid:1000 WRITE_ATTRIBUTES,DELETE
check "now uid 1000 may link it" as1000 /bin/ln $s /dev/shm/sem.peios_acl2
check "rename it (delete + add)" as1000 /bin/mv /dev/shm/sem.peios_acl2 /dev/shm/sem.peios_acl3
check "and unlink the second name" as1000 /bin/rm /dev/shm/sem.peios_acl3

# Low integrity through the identity map: no write up to a Medium object.
check "map uid 1000 at Low" sh -c "echo 'uid 1000 S-1-22-1-1000 il=low' > $sfs/identity_map"
refute "Low cannot open a Medium semaphore read-write" \
	as1000 $bin/shm_semk open /peios_acl
check "Low may still open it read-only" as1000 $bin/shm_semk rdonly $s
check "unmap uid 1000" sh -c "echo 'del uid 1000' > $sfs/identity_map"

# PIP: a trust label admits only trusted binaries to more than FR.
check "trust label protected:peios FR" $sd trust $s protected:peios FR
refute "the untrusted peios-sem cannot post" as1000 /tools/peios-sem post $s
check "trust shm_semk" sh -c "echo 'protected:peios $bin/shm_semk' > $sfs/trust_table"
check "the trusted binary opens it read-write" as1000 $bin/shm_semk open /peios_acl
check "untrust" sh -c "echo 'del $bin/shm_semk' > $sfs/trust_table"
check "root removes the semaphore" rm -f $s

# Creation: FILE_ADD_FILE on the directory; the creator keeps its rights.
c=/dev/shm/peios_created
check "uid 1000 creates with mode 0 and writes and maps it" \
	as1000 $bin/shm_semk create0 $c
refute "afterwards mode 0 gives it nothing" as1000 /bin/cat $c
check "uid 1000's glibc sem_open with mode 0" as1000 $bin/shm_semk create /peios_m0 0 0
check "uid 1000 unlinks its own (DELETE as owner)" as1000 /bin/rm -f $c /dev/shm/sem.peios_m0
root_sd=$($sd show --sddl /dev/shm)
check "take FILE_ADD_FILE from Everyone" $sd set /dev/shm 'D:(A;OICI;FA;;;SY)(A;;0x1200A1;;;WD)'
refute "uid 1000 cannot create" as1000 $bin/shm_semk create0 $c
refute "nor sem_open O_CREAT" as1000 $bin/shm_semk create /peios_m1 0 600
check "restore /dev/shm's SD" $sd set /dev/shm "$root_sd"
expect "$root_sd" "restored" $sd show --sddl /dev/shm

# Inheritance from /dev/shm's SD: the root's inheritable ACEs follow.
touch /dev/shm/peios_inh
check "new objects inherit SYSTEM's ACE" sh -c "$sd show --sddl /dev/shm/peios_inh | grep -q '(A;ID;FA;;;SY)'"
rm -f /dev/shm/peios_inh

# --- limits and memory -------------------------------------------------------
l=/tmp/shmlim
mkdir -p $l
check "mount with size=64k,nr_inodes=4" mount -t peios_shm -o size=64k,nr_inodes=4 none $l
refute "writing 128 KiB fails" dd if=/dev/zero of=$l/a bs=4096 count=32
check "ENOSPC" sh -c "dd if=/dev/zero of=$l/b bs=4096 count=32 2>&1 | grep -q 'No space left'"
rm -f $l/a $l/b
check "three files (the root is the fourth inode)" touch $l/1 $l/2 $l/3
refute "a fifth inode fails" touch $l/4
check "with ENOSPC" sh -c "touch $l/4 2>&1 | grep -q 'No space left'"
check "remove one" rm $l/3
refute "a hard link takes an inode too, as on tmpfs" sh -c "ln $l/1 $l/5 && ln $l/1 $l/6"
rm -f $l/1 $l/2 $l/5 $l/6
check "df shows the size" sh -c "df $l | tail -1 | grep -q ' 64 '"
refute "bad size= is refused" mount -t peios_shm -o size=junk none $l/../shmlim
check "unmount the limited instance" umount $l
refute "bad sd= is refused" mount -t peios_shm -o 'sd=D:(X' none $l
check "sd= sets the root's SD" mount -t peios_shm -o 'sd=O:SYG:SYD:(A;;FA;;;SY)' none $l
expect "O:SYG:SYD:(A;;FA;;;SY)" "as given" $sd show --sddl $l
umount $l

shmem() { sed -n 's/^Shmem: *\([0-9]*\) kB/\1/p' /proc/meminfo; }
before=$(shmem)
dd if=/dev/zero of=/dev/shm/peios_big bs=1M count=16 2>/dev/null
during=$(shmem)
rm -f /dev/shm/peios_big
after=$(shmem)
echo "# Shmem: before $before kB, with 16 MiB $during kB, after $after kB"
check "16 MiB are charged as shmem" [ $((during - before)) -ge 16000 ]
check "and freed on unlink" [ $((during - after)) -ge 16000 ]

expect "" "nothing left in /dev/shm" ls /dev/shm
check "unmount /dev/shm" umount /dev/shm
check_done
