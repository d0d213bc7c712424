#!/bin/sh
# The identity provider and its securityfs tables: the projection of
# credentials to a token, the identity map and the trust table, with bad
# lines rejected and nothing changed.
. /tests/lib/check.sh

load_module
sfs=/sys/kernel/security/peios_ipc
run_as=/tests/bin/run_as

# Default projection (shown for the log).
sed "s/^/# /" $sfs/whoami
check "root is SYSTEM" grep -qx "user S-1-5-18 0x0" $sfs/whoami
check "root holds Administrators as an owner group" \
	grep -q "^group S-1-5-32-544 0xf$" $sfs/whoami
check "root runs at System integrity" grep -qx "integrity 16384" $sfs/whoami
check "root's CAP_SYS_ADMIN is SeTcbPrivilege" \
	grep -qx "privilege SeTcbPrivilege" $sfs/whoami
who=$($run_as 1000 100,27 - /bin/cat $sfs/whoami)
check "uid 1000 is S-1-22-1-1000" sh -c "echo '$who' | grep -qx 'user S-1-22-1-1000 0x0'"
check "primary gid 100 comes first" \
	sh -c "echo '$who' | sed -n 2p | grep -qx 'group S-1-22-2-100 0x7'"
check "supplementary gid 27" sh -c "echo '$who' | grep -qx 'group S-1-22-2-27 0x7'"
check "Everyone, Authenticated Users, Local" sh -c "echo '$who' | grep -q 'S-1-1-0' &&
	echo '$who' | grep -q 'S-1-5-11' && echo '$who' | grep -q 'S-1-2-0'"
refute "no Administrators for uid 1000" sh -c "echo '$who' | grep -q 'S-1-5-32-544'"
check "uid 1000 runs at Medium" sh -c "echo '$who' | grep -qx 'integrity 8192'"
refute "uid 1000 has no privileges" sh -c "echo '$who' | grep -q privilege"
who=$($run_as 1000 100 sys_resource /bin/cat $sfs/whoami)
check "CAP_SYS_RESOURCE is SeIncreaseQuotaPrivilege" \
	sh -c "echo '$who' | grep -qx 'privilege SeIncreaseQuotaPrivilege'"
who=$($run_as 1000 100 fowner /bin/cat $sfs/whoami)
check "CAP_FOWNER is SeTakeOwnershipPrivilege" \
	sh -c "echo '$who' | grep -qx 'privilege SeTakeOwnershipPrivilege'"

# The identity map.
expect "" "identity map starts empty" cat $sfs/identity_map
check "map uid 1000 with an integrity level" \
	sh -c "echo 'uid 1000 S-1-5-21-1-2-3-1001 il=low' > $sfs/identity_map"
check "map gid 100" sh -c "echo 'gid 100 S-1-5-32-545' > $sfs/identity_map"
expect "uid 1000 S-1-5-21-1-2-3-1001 il=low
gid 100 S-1-5-32-545" "cat shows the map in the form written" cat $sfs/identity_map
who=$($run_as 1000 100 - /bin/cat $sfs/whoami)
check "mapped user SID" sh -c "echo '$who' | grep -qx 'user S-1-5-21-1-2-3-1001 0x0'"
check "mapped integrity level" sh -c "echo '$who' | grep -qx 'integrity 4096'"
check "mapped group SID" sh -c "echo '$who' | grep -qx 'group S-1-5-32-545 0x7'"

before=$(cat $sfs/identity_map)
for bad in "uid 1001 S-1-5-21-9
bogus line" "uid x S-1-1-0" "uid 1001 S-1-" "uid 1001 S-1-5-21-1-2-3-1001" \
	"gid 5 S-1-1-0 il=low" "uid 1001 S-1-1-0 il=purple" "del uid 4242" \
	"uid 4294967295 S-1-1-0" "clear now"; do
	refute "rejected: $(echo "$bad" | tr '\n' '|')" \
		sh -c "printf '%s\n' '$bad' > $sfs/identity_map"
done
expect "$before" "rejected writes changed nothing" cat $sfs/identity_map
refute "uid 1000 cannot write the map" \
	$run_as 1000 100 - /bin/sh -c "echo 'uid 5 S-1-1-0' > $sfs/identity_map"
refute "uid 1000 cannot read the map" $run_as 1000 100 - /bin/cat $sfs/identity_map
check "del uid 1000" sh -c "echo 'del uid 1000' > $sfs/identity_map"
expect "gid 100 S-1-5-32-545" "entry removed" cat $sfs/identity_map
check "clear" sh -c "echo clear > $sfs/identity_map"
expect "" "map cleared" cat $sfs/identity_map

# The trust table.
check "trust an executable" \
	sh -c "echo 'protected:peios /tests/bin/catfile' > $sfs/trust_table"
check "trust by number" sh -c "echo '1024:2048 /tests/bin/run_as' > $sfs/trust_table"
expect "protected:peios /tests/bin/catfile
isolated:app /tests/bin/run_as" "cat shows the trust table" cat $sfs/trust_table
check "a trusted binary carries its PIP" \
	sh -c "/tests/bin/catfile $sfs/whoami | grep -qx 'pip 512:4096'"
check "PIP follows exec: untrusted cat is 0:0" \
	sh -c "grep -qx 'pip 0:0' $sfs/whoami"
check "PIP is recomputed after exec from a trusted binary" \
	sh -c "/tests/bin/run_as 0 0 - /bin/cat $sfs/whoami | grep -qx 'pip 0:0'"
before=$(cat $sfs/trust_table)
for bad in "protected:peios /no/such/file" "protected /tests/bin/run_as" \
	"bogus:peios /tests/bin/run_as" "protected:peios relative/path" \
	"protected:peios /tests"; do
	refute "rejected: $bad" sh -c "echo '$bad' > $sfs/trust_table"
done
expect "$before" "rejected trust lines changed nothing" cat $sfs/trust_table
check "del" sh -c "printf 'del /tests/bin/run_as\\ndel /tests/bin/catfile\\n' > $sfs/trust_table"
expect "" "trust table empty again" cat $sfs/trust_table

# The module may stay busy for its idle second (Documentation/mqueue.md):
# unload_module retries.
check "unload with tables set" sh -c "echo 'uid 7 S-1-1-0' > $sfs/identity_map"
check "and the module unloads with them" unload_module
# Should it not, leave no mapping behind for the next script.
module_loaded && echo clear > $sfs/identity_map
check_done
