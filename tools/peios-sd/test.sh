#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of peios-sd that need no kernel: AccessCheck with --sddl and
# explicit or projected identities (masks, stages, exit codes), SDDL round
# trips through binary files, the edit commands on files, usage errors.
#
#   sh tools/peios-sd/test.sh build/tools/peios-sd
#
# Ends with "N passed, N failed"; exits nonzero on a failure.
P=${1:?usage: test.sh PEIOS_SD}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# t_exit WANT DESC CMD...: the exit status of CMD.
t_exit() {
	_want=$1 _desc=$2
	shift 2
	"$@" >/dev/null 2>&1
	_rc=$?
	if [ "$_rc" -eq "$_want" ]; then ok; else bad "$_desc: exit $_rc, want $_want"; fi
}

# t_out WANT DESC CMD...: the standard output of CMD, exactly.
t_out() {
	_want=$1 _desc=$2
	shift 2
	_got=$("$@" 2>/dev/null)
	if [ "$_got" = "$_want" ]; then ok; else bad "$_desc: got '$_got', want '$_want'"; fi
}

# t_grep PATTERN DESC CMD...: some line of CMD's stdout+stderr matches.
t_grep() {
	_pat=$1 _desc=$2
	shift 2
	if "$@" 2>&1 | grep -q -- "$_pat"; then ok; else bad "$_desc: no line matches '$_pat'"; fi
}

# t_check DESC SDDL RC GRANTED STAGE IDENTITY/REQUEST...: one AccessCheck.
t_check() {
	_desc=$1 _sddl=$2 _rc=$3 _granted=$4 _stage=$5
	shift 5
	_out=$("$P" check --sddl "$_sddl" "$@" 2>&1)
	_got_rc=$?
	_got_g=$(echo "$_out" | sed -n 's/^granted: *\(0x[0-9a-f]*\).*/\1/p')
	_got_s=$(echo "$_out" | sed -n 's/^stage: *//p')
	if [ "$_got_rc" = "$_rc" ] && [ "$_got_g" = "$_granted" ] &&
	   [ "$_got_s" = "$_stage" ]; then
		ok
	else
		bad "$_desc: exit $_got_rc granted $_got_g stage $_got_s, want $_rc $_granted $_stage"
		echo "$_out" | sed 's/^/    /'
	fi
}

U=--user
W='--group WD'

# ---- AccessCheck, explicit identities --------------------------------
t_check "allow FR grants FR" 'O:SYD:(A;;FR;;;WD)' 0 0x00120089 granted \
	$U S-1-5-21-1-2-3 $W --desired FR
t_check "FW not granted: dacl" 'O:SYD:(A;;FR;;;WD)' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 $W --desired FW
t_check "max of an allow FR" 'O:SYD:(A;;FR;;;WD)' 0 0x00120089 granted \
	$U S-1-5-21-1-2-3 $W
t_check "deny first wins" 'O:SYD:(D;;FW;;;WD)(A;;FA;;;WD)' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 $W --desired WRITE_DATA
t_check "order matters: allow before deny" 'O:SYD:(A;;FA;;;WD)(D;;FW;;;WD)' \
	0 0x00000002 granted $U S-1-5-21-1-2-3 $W --desired WRITE_DATA
t_check "no ACE for the user" 'O:SYD:(A;;FA;;;BA)' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 $W --desired FR
t_check "empty DACL: nothing" 'O:SYD:' 1 0x00000000 dacl $U S-1-5-21-1-2-3 \
	--desired READ_CONTROL
t_check "NULL DACL: everything" 'O:SYD:NO_ACCESS_CONTROL' 0 0x001f01ff granted \
	$U S-1-5-21-1-2-3 --desired FA
t_check "owner implicit READ_CONTROL|WRITE_DAC" 'O:S-1-5-21-1-2-3D:' 0 \
	0x00060000 granted $U S-1-5-21-1-2-3
t_check "OWNER RIGHTS replaces the implicit rights" \
	'O:S-1-5-21-1-2-3D:(A;;RC;;;OW)' 0 0x00020000 granted $U S-1-5-21-1-2-3
t_check "no owner" 'D:(A;;FA;;;WD)' 1 0x00000000 no-owner $U S-1-5-21-1-2-3 $W
t_check "deny-only group does not allow" 'O:SYD:(A;;FA;;;BA)' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 --group BA:deny-only --desired FR
t_check "deny-only group is denied" 'O:SYD:(D;;FW;;;BA)(A;;FA;;;WD)' 1 \
	0x00000000 dacl $U S-1-5-21-1-2-3 $W --group BA:0x10 --desired WRITE_DATA
t_check "disabled group" 'O:SYD:(A;;FA;;;BA)' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 --group BA:mandatory --desired FR
t_check "generic request is mapped" 'O:SYD:(A;;FR;;;WD)' 0 0x00120089 granted \
	$U S-1-5-21-1-2-3 $W --desired GR
t_check "generic ACE is mapped" 'O:SYD:(A;;GR;;;WD)' 0 0x00120089 granted \
	$U S-1-5-21-1-2-3 $W --desired FR

# MIC: Peios label bits NO_READ_UP 0x1, NO_WRITE_UP 0x2, NO_EXECUTE_UP 0x4.
t_check "mic: medium cannot write up to high" 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;HI)' \
	1 0x00000000 mic $U S-1-5-21-1-2-3 $W --desired WRITE_DATA
t_check "mic: medium may read up" 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;HI)' \
	0 0x00120089 granted $U S-1-5-21-1-2-3 $W --desired FR
t_check "mic: no-read-up" 'O:SYD:(A;;FA;;;WD)S:(ML;;NRNW;;;HI)' \
	1 0x00000000 mic $U S-1-5-21-1-2-3 $W --desired READ_DATA
t_check "mic: high writes down" 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;ME)' \
	0 0x00120116 granted $U S-1-5-21-1-2-3 $W --il high --desired FW
t_check "mic: low below the default medium label" 'O:SYD:(A;;FA;;;WD)' \
	1 0x00000000 mic $U S-1-5-21-1-2-3 $W --il low --desired WRITE_DATA
t_check "mic: relabel keeps WRITE_OWNER" 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;SI)' \
	0 0x00080000 granted $U S-1-5-21-1-2-3 $W --priv relabel --desired WO

# PIP: the trust label's mask is all a non-dominant process may have.
TL='O:SYD:(A;;FA;;;WD)S:(TL;;FR;;;S-1-19-512-4096)'
t_check "pip: untrusted process cannot write" "$TL" 1 0x00000000 pip \
	$U S-1-5-21-1-2-3 $W --desired WRITE_DATA
t_check "pip: untrusted process may read" "$TL" 0 0x00120089 granted \
	$U S-1-5-21-1-2-3 $W --desired FR
t_check "pip: dominant process writes" "$TL" 0 0x00000002 granted \
	$U S-1-5-21-1-2-3 $W --pip protected:peios --desired WRITE_DATA
t_check "pip: numbers, lower trust does not dominate" "$TL" 1 0x00000000 pip \
	$U S-1-5-21-1-2-3 $W --pip 512:2048 --desired WRITE_DATA

# Privileges.
t_check "ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege" 'O:SYD:(A;;FA;;;WD)' \
	1 0x00000000 privilege $U S-1-5-21-1-2-3 $W --desired ACCESS_SYSTEM_SECURITY
t_check "SeSecurityPrivilege grants it" 'O:SYD:' 0 0x01000000 granted \
	$U S-1-5-21-1-2-3 --priv SeSecurityPrivilege --desired 0x01000000
t_check "SeTakeOwnershipPrivilege grants WRITE_OWNER" 'O:SYD:' 0 0x00080000 \
	granted $U S-1-5-21-1-2-3 --priv take-ownership --desired WO
t_check "backup intent" 'O:SYD:' 0 0x00120089 granted $U S-1-5-21-1-2-3 \
	--priv backup --intent backup --desired FR
t_check "backup privilege without intent" 'O:SYD:' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 --priv backup --desired FR

# ---- PSD-004 v0.22 conformance (issue 14) --------------------------------
A=S-1-22-1-1000
# 1. SeTakeOwnershipPrivilege is deny-proof (§10.10, §3.7).
t_check "take-ownership beats a deny ACE (§10.10)" \
	'O:SYG:SYD:(D;;WO;;;S-1-22-1-1000)(A;;FA;;;WD)' 0 0x00080000 granted \
	--user $A --group WD --priv take-ownership --desired WO
t_check "take-ownership beats an OWNER RIGHTS deny (§3.7)" \
	'O:S-1-22-1-1000G:SYD:(D;;WO;;;OW)(A;;FA;;;WD)' 0 0x00080000 granted \
	--user $A --group WD --priv take-ownership --desired WO
t_check "take-ownership stops at MIC (§10.10)" \
	'O:SYG:SYD:(D;;WO;;;S-1-22-1-1000)(A;;FA;;;WD)S:(ML;;NW;;;HI)' 1 \
	0x00000000 mic --user $A --group WD --priv take-ownership --desired WO
t_check "without the privilege the deny stands" \
	'O:SYG:SYD:(D;;WO;;;S-1-22-1-1000)(A;;FA;;;WD)' 1 0x00000000 dacl \
	--user $A --group WD --desired WO
# 2. A pure MAXIMUM_ALLOWED request always succeeds (§10.2, §10.10).
t_check "pure MAXIMUM_ALLOWED, nothing granted (§10.10)" 'O:SYG:SYD:' 0 \
	0x00000000 granted --user $A
t_check "an open still needs its rights" 'O:SYG:SYD:' 1 0x00000000 dacl \
	--user $A --desired FR
t_check "MAXIMUM_ALLOWED plus a missing right" 'O:SYG:SYD:' 1 0x00000000 dacl \
	--user $A --max --desired WRITE_DATA
# 3. Privilege grants (§10.10).
t_check "SeSecurityPrivilege under MAXIMUM_ALLOWED (§10.10)" 'O:SYG:SY' 0 \
	0x011f01ff granted --user $A --priv security
t_check "backup grants exactly GENERIC_READ's map (§10.10)" 'O:SYG:SYD:' 0 \
	0x00120089 granted --user $A --priv backup --intent backup
t_check "restore includes ACCESS_SYSTEM_SECURITY (§10.10)" 'O:SYG:SYD:' 0 \
	0x011f0116 granted --user $A --priv restore --intent restore
# 4. Ownership is SID equality (§3.7); S-1-3-4 as security-core.md says.
t_check "owner through a deny-only group (§3.7)" 'O:BAG:SYD:' 0 0x00060000 \
	granted --user $A --group BA:mandatory+deny-only
t_check "owner through a disabled group (§3.7)" 'O:BAG:SYD:' 0 0x00060000 \
	granted --user $A --group BA:mandatory
t_check "S-1-3-4 allow skips a deny-only owner (§10.10 EnrichToken)" \
	'O:BAG:SYD:(A;;FA;;;OW)' 0 0x00000000 granted \
	--user $A --group BA:mandatory+deny-only
t_check "S-1-3-4 deny binds a deny-only owner (§3.7)" \
	'O:BAG:SYD:(D;;WD;;;OW)(A;;FA;;;WD)' 0 0x001b01ff granted \
	--user $A --group BA:mandatory+deny-only --group WD
t_check "owner by a deny-only user SID (§3.7)" 'O:S-1-22-1-1000D:' 0 \
	0x00060000 granted --user $A:deny-only
t_check "a deny-only user SID matches no allow ACE" \
	'O:SYD:(A;;FR;;;S-1-22-1-1000)' 1 0x00000000 dacl --user $A:deny-only \
	--desired FR
t_check "a deny-only user SID still matches deny ACEs" \
	'O:SYD:(D;;FR;;;S-1-22-1-1000)(A;;FA;;;WD)' 1 0x00000000 dacl \
	--user $A:0x10 --group WD --desired FR
t_grep "^user S-1-22-1-1000 0x10" "token shows the deny-only user" \
	"$P" token --user $A:deny-only
# 5. Object ACEs without an object-type list apply as basic ACEs (§10.5):
#    O:SY, DACL rev 4 with ACCESS_ALLOWED_OBJECT (GUID, FR, WD).
hexfile() {
	_h=$2
	: > "$1"
	while [ -n "$_h" ]; do
		_b=${_h%"${_h#??}"}
		_h=${_h#??}
		# shellcheck disable=SC2059
		printf "\\$(printf '%03o' "0x$_b")" >> "$1"
	done
}
SY_SID=010100000000000512000000
WD_SID=010100000000000100000000
HDR_OD="0100048014000000000000000000000020000000"
hexfile "$T/obj" "${HDR_OD}${SY_SID}04003000010000000500280089001200\
01000000112233445566778899aabbccddeeff00${WD_SID}"
t_grep "^granted: *0x00120089" "object ACE with a GUID applies (§10.5)" \
	"$P" check --file "$T/obj" --user $A --group WD
# 6. Bounds (§10.2, §3.3).
t_check "MAXIMUM_ALLOWED only reports valid rights (§3.3)" \
	'O:SYD:(A;;0x201;;;WD)' 0 0x00000001 granted --user $A --group WD
t_check "reserved ACE bits are never granted (§3.3)" \
	'O:SYD:(A;;0xce00001;;;WD)' 0 0x00000001 granted --user $A --group WD
t_check "a NULL DACL grants at most GENERIC_ALL's map (§10.2)" 'O:SY' 1 \
	0x00000000 dacl --user $A --desired 0x200
t_exit 2 "MAXIMUM_ALLOWED inside an ACE is invalid (§3.3)" \
	"$P" check --sddl 'O:SYD:(A;;0x2000000;;;WD)' --user $A
# 7. PRINCIPAL_SELF matches nothing without a self SID (§10.5).
t_check "PRINCIPAL_SELF held as a group grants nothing (§10.5)" \
	'O:SYD:(A;;FR;;;PS)' 1 0x00000000 dacl --user $A --group PS --desired FR
t_check "PRINCIPAL_SELF deny matches no one (§10.5)" \
	'O:SYD:(D;;FR;;;PS)(A;;FR;;;WD)' 0 0x00120089 granted --user $A \
	--group PS --group WD --desired FR
# 9. The NULL DACL form (§3.1): DACL_PRESENT clear, offset 0.
"$P" set --file "$T/nd" 'O:SYD:NO_ACCESS_CONTROL'
t_grep "^control: 0x8000 SELF_RELATIVE" "D:NO_ACCESS_CONTROL is PRESENT clear (§3.1)" \
	"$P" show --file "$T/nd"
hexfile "$T/ndp" "0100048014000000000000000000000000000000${SY_SID}"
t_grep "^granted: *0x001f01ff" "PRESENT with offset 0 still read as NULL DACL" \
	"$P" check --file "$T/ndp" --user $A --desired FA
# 10. Validation both ways (§3.2-§3.4).
hexfile "$T/slack" "${HDR_OD}${SY_SID}0200100000000000""0000000000000000"
t_grep "^stage: *malformed" "bytes after the last ACE are malformed (§3.2)" \
	"$P" check --file "$T/slack" --user $A
hexfile "$T/sbz" "${HDR_OD}${SY_SID}02ff08000000ffff"
t_grep "^stage: *granted" "Sbz1/Sbz2 are not interpreted (§3.2)" \
	"$P" check --file "$T/sbz" --user $A
hexfile "$T/tail" "${HDR_OD}${SY_SID}0200200001000000""00001800ff011f00\
${WD_SID}00000000"
t_grep "^stage: *malformed" "bytes after a basic ACE's SID are malformed (§3.4)" \
	"$P" check --file "$T/tail" --user $A
# The request is printed even when AccessCheck stops early.
t_grep "^desired: *0x00120089" "no owner: the request is printed" \
	"$P" check --sddl 'D:(A;;FA;;;WD)' --user $A --desired FR
t_grep "^desired: *MAXIMUM_ALLOWED" "no owner: MAXIMUM_ALLOWED printed" \
	"$P" check --sddl 'D:(A;;FA;;;WD)' --user $A
# Mandatory policy 0 turns MIC off for the token.
t_check "--policy none: low writes an unlabeled object" 'O:SYD:(A;;FA;;;WD)' 0 \
	0x00000002 granted --user $A --group WD --il low --policy none \
	--desired WRITE_DATA
t_check "--policy 0 is the same" 'O:SYD:(A;;FA;;;WD)' 0 0x00000002 granted \
	--user $A --group WD --il low --policy 0 --desired WRITE_DATA
t_check "--policy no-write-up is the default" 'O:SYD:(A;;FA;;;WD)' 1 \
	0x00000000 mic --user $A --group WD --il low --policy no-write-up \
	--desired WRITE_DATA
t_grep "^policy 0x0" "token shows policy 0" "$P" token --user $A --policy none
t_exit 2 "--policy: bad name" "$P" check --sddl 'O:SY' --user $A --policy up
# ---- conditional ACEs (PSD-004 §3.8) -----------------------------------
# An allow callback ACE applies when its condition is TRUE, a deny callback
# unless it is FALSE; no claims, so Device_ and claim terms are UNKNOWN.
MBA='(Member_of {SID(BA)})'
t_check "§3.8 XA Member_of true grants" "O:SYD:(XA;;FA;;;WD;$MBA)" 0 \
	0x001f01ff granted $U S-1-5-21-1-2-3 $W --group BA
t_check "§3.8 XA Member_of false grants nothing" "O:SYD:(XA;;FA;;;WD;$MBA)" 1 \
	0x00000000 dacl $U S-1-5-21-1-2-3 $W --desired FR
t_check "§3.8 XD Member_of true denies" "O:SYD:(XD;;FA;;;WD;$MBA)(A;;FA;;;WD)" \
	1 0x00000000 dacl $U S-1-5-21-1-2-3 $W --group BA --desired FR
t_check "§3.8 XD Member_of false: no effect" \
	"O:SYD:(XD;;FA;;;WD;$MBA)(A;;FA;;;WD)" 0 0x00120089 granted \
	$U S-1-5-21-1-2-3 $W --desired FR
t_check "§3.8 XD Member_of counts a deny-only group" \
	"O:SYD:(XD;;FW;;;WD;$MBA)(A;;FA;;;WD)" 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 $W --group BA:deny-only --desired WRITE_DATA
t_check "§3.8 XA Member_of ignores a deny-only group" "O:SYD:(XA;;FA;;;WD;$MBA)" \
	1 0x00000000 dacl $U S-1-5-21-1-2-3 $W --group BA:deny-only --desired FR
t_check "§3.8 XA Device_Member_of is UNKNOWN" \
	'O:SYD:(XA;;FA;;;WD;(Device_Member_of {SID(WD)}))' 1 0x00000000 dacl \
	$U S-1-5-21-1-2-3 $W --desired FR
t_check "§3.8 XD Device_Member_of UNKNOWN denies" \
	'O:SYD:(XD;;FW;;;WD;(Device_Member_of_Any {SID(WD)}))(A;;FA;;;WD)' 1 \
	0x00000000 dacl $U S-1-5-21-1-2-3 $W --desired WRITE_DATA
t_check "§3.8 TRUE || UNKNOWN is TRUE" \
	"O:SYD:(XA;;FR;;;WD;((Device_Member_of {SID(WD)}) || $MBA))" 0 0x00120089 \
	granted $U S-1-5-21-1-2-3 $W --group BA
t_check "§3.8 TRUE && UNKNOWN is UNKNOWN" \
	"O:SYD:(XA;;FR;;;WD;((Device_Member_of {SID(WD)}) && $MBA))" 1 0x00000000 \
	dacl $U S-1-5-21-1-2-3 $W --group BA --desired FR
t_check "§3.8 Not_Member_of_Any" \
	'O:SYD:(XA;;FR;;;WD;(Not_Member_of_Any {SID(BA), SID(BU)}))' 0 0x00120089 \
	granted $U S-1-5-21-1-2-3 $W
t_exit 2 "§3.8 claim condition rejected" "$P" check \
	--sddl 'O:SYD:(XA;;FA;;;WD;(@User.dept == "x"))' $U S-1-5-21-1-2-3
t_exit 2 "§3.8 XA without a condition rejected" "$P" check \
	--sddl 'O:SYD:(XA;;FA;;;WD)' $U S-1-5-21-1-2-3
COND='O:SYD:(XD;;FW;;;WD;((Member_of {SID(BA), SID(S-1-22-2-100)}) || (!(Not_Member_of SID(OW)))))(XA;;FA;;;WD;(Member_of_Any {SID(AU)}))'
"$P" set --file "$T/cond" "$COND"
t_out "$COND" "§3.8 conditions round trip through a file" \
	"$P" show --sddl --file "$T/cond"
t_grep "allow-callback" "§3.8 show names the callback ACE" \
	"$P" show --file "$T/cond"
# A long || chain is a deep tree but shallow nesting: accepted, and formatted
# without recursing along the chain.
chain='(Member_of {SID(BA)})'
for i in $(seq 39); do chain="$chain || (Member_of {SID(S-1-22-2-$i)})"; done
t_check "§3.8 a 40-term || chain" "O:SYD:(XA;;FR;;;WD;($chain))" 0 0x00120089 \
	granted $U S-1-5-21-1-2-3 $W --group S-1-22-2-39 --desired FR
"$P" set --file "$T/chain" "O:SYD:(XA;;FR;;;WD;($chain))"
"$P" set --file "$T/chain2" "$("$P" show --sddl --file "$T/chain")"
t_out "$("$P" show --sddl --file "$T/chain")" "§3.8 the chain round trips" \
	"$P" show --sddl --file "$T/chain2"

# ---- the kernel's projection (--as-uid) ------------------------------
t_check "uid 0 is SYSTEM" 'O:BAD:(A;;FA;;;SY)' 0 0x001f01ff granted --as-uid 0
t_check "uid 0 holds Administrators" 'O:SYD:(A;;FR;;;BA)' 0 0x00120089 granted \
	--as-uid 0 --desired FR
t_check "uid 1000 is S-1-22-1-1000" 'O:SYD:(A;;FR;;;S-1-22-1-1000)' 0 \
	0x00120089 granted --as-uid 1000 --identity-map none
t_check "uid:N as an ACE SID" 'O:SYD:(A;;FR;;;S-1-22-1-1000)' 0 0x00120089 \
	granted --user uid:1000 --identity-map none
t_check "primary gid defaults to the uid" 'O:SYD:(A;;FR;;;S-1-22-2-1000)' 0 \
	0x00120089 granted --as-uid 1000 --identity-map none
t_check "primary gid" 'O:SYD:(A;;FR;;;S-1-22-2-100)' 0 0x00120089 granted \
	--as-uid 1000 --gid 100 --identity-map none
t_check "supplementary gid" 'O:SYD:(A;;FR;;;S-1-22-2-27)' 0 0x00120089 granted \
	--as-uid 1000 --gid 100 --groups 4,27 --identity-map none
t_check "Authenticated Users" 'O:SYD:(A;;FR;;;AU)' 0 0x00120089 granted \
	--as-uid 1000 --identity-map none
t_check "no Administrators for uid 1000" 'O:SYD:(A;;FR;;;BA)' 1 0x00000000 dacl \
	--as-uid 1000 --identity-map none --desired FR
t_check "uid 1000 is Medium" 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;HI)' 1 0x00000000 \
	mic --as-uid 1000 --identity-map none --desired WRITE_DATA
t_check "uid 0 is System integrity" 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;HI)' 0 \
	0x00000002 granted --as-uid 0 --identity-map none --desired WRITE_DATA
t_check "CAP_FOWNER is SeTakeOwnershipPrivilege" 'O:SYD:' 0 0x00080000 granted \
	--as-uid 1000 --caps fowner --identity-map none --desired WO
t_check "CAP_CHOWN is SeRestorePrivilege" 'O:SYD:' 0 0x00040000 granted \
	--as-uid 1000 --caps CAP_CHOWN --intent restore --identity-map none \
	--desired WD
t_check "CAP_SYS_ADMIN is SeSecurityPrivilege" 'O:SYD:' 0 0x01000000 granted \
	--as-uid 1000 --caps sys_admin --identity-map none --desired 0x1000000

cat > "$T/map" <<EOF
uid 1000 S-1-5-21-9-9-9-1000 il=low
gid 100 S-1-5-32-545
EOF
t_check "identity map: mapped user SID" 'O:SYD:(A;;FR;;;S-1-5-21-9-9-9-1000)' 0 \
	0x00120089 granted --as-uid 1000 --identity-map "$T/map"
t_check "identity map: mapped gid" 'O:SYD:(A;;FR;;;BU)' 0 0x00120089 granted \
	--as-uid 1000 --gid 100 --identity-map "$T/map"
t_check "identity map: mapped integrity level" 'O:SYD:(A;;FA;;;WD)' 1 \
	0x00000000 mic --as-uid 1000 --identity-map "$T/map" --desired WRITE_DATA
t_check "identity map: uid:N resolves through it" 'O:SYD:(A;;FR;;;S-1-5-21-9-9-9-1000)' \
	0 0x00120089 granted --user uid:1000 --identity-map "$T/map"

t_out "user S-1-5-18 0x0
group S-1-22-2-0 0x7
group S-1-1-0 0x7
group S-1-5-11 0x7
group S-1-2-0 0x7
group S-1-5-32-544 0xf
integrity 16384
policy 0x1
privilege SeIncreaseQuotaPrivilege
privilege SeTcbPrivilege
privilege SeSecurityPrivilege
privilege SeTakeOwnershipPrivilege
privilege SeRestorePrivilege
privilege SeRelabelPrivilege
pip 0:0" "token of root with the mapped capabilities" \
	"$P" token --as-uid 0 --caps sys_resource,fowner,chown,sys_admin,kill \
	--identity-map none
t_out "user S-1-5-21-9-9-9-1000 0x0
group S-1-5-32-545 0x7
group S-1-22-2-27 0x7
group S-1-1-0 0x7
group S-1-5-11 0x7
group S-1-2-0 0x7
integrity 4096
policy 0x1
pip 512:4096" "token of a mapped uid, primary gid first" \
	"$P" token --as-uid 1000 --gid 100 --groups 27,100 --pip protected:peios \
	--identity-map "$T/map"

# The map file is read by the kernel's own parser (security/idmap.c).
cat > "$T/map2" <<EOF
# replaced, deleted, cleared as the kernel would
uid 1000 S-1-5-21-9-9-9-1
uid 1000 S-1-5-21-9-9-9-2 il=0x3000
gid 100 S-1-5-21-9-9-9-3
del gid 100
EOF
t_out "user S-1-5-21-9-9-9-2 0x0
group S-1-22-2-100 0x7
group S-1-1-0 0x7
group S-1-5-11 0x7
group S-1-2-0 0x7
integrity 12288
policy 0x1
pip 0:0" "identity map: later lines replace, del removes" \
	"$P" token --as-uid 1000 --gid 100 --identity-map "$T/map2"
printf 'uid 5 S-1-5-21-5\ndel gid 5\n' > "$T/map3"
t_grep "map3: line 2: del of an entry not in the map" \
	"identity map: del of a missing entry names its line" \
	"$P" token --as-uid 5 --identity-map "$T/map3"
printf 'uid 5 S-1-5-21-5\nuid 6 S-1-5-21-5\n' > "$T/map4"
t_exit 1 "identity map: one SID for two uids is refused, as by the kernel" \
	"$P" token --as-uid 5 --identity-map "$T/map4"
t_out "user S-1-5-21-1 0x0
integrity 8192
policy 0x1
privilege SeTcbPrivilege
privilege SeChangeNotifyPrivilege
privilege SeImpersonatePrivilege
privilege SeRelabelPrivilege
pip 0:0" "explicit privileges are named and printed in bit order" \
	"$P" token --user S-1-5-21-1 --priv relabel,impersonate,change-notify,tcb

# ---- explanations -----------------------------------------------------
t_grep "^reason: *ACE \[0\] (deny S-1-1-0 (Everyone)) denies WRITE_DATA" \
	"dacl reason names the deny ACE" \
	"$P" check --sddl 'O:SYD:(D;;FW;;;WD)(A;;FA;;;WD)' $U S-1-5-21-1 $W \
	--desired WRITE_DATA
t_grep "^reason: *no ACE of the DACL grants" "dacl reason: nothing grants" \
	"$P" check --sddl 'O:SYD:' $U S-1-5-21-1 --desired FR
t_grep "^reason: *integrity 8192 is below the object's label 12288" \
	"mic reason" "$P" check --sddl 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;HI)' \
	$U S-1-5-21-1 $W --desired FW
t_grep "^reason: *process trust none:none does not dominate the label protected:peios" \
	"pip reason" "$P" check --sddl "$TL" $U S-1-5-21-1 $W --desired FW
t_grep "^allowed: *0x00120089" "denials show what MAXIMUM_ALLOWED would give" \
	"$P" check --sddl 'O:SYD:(A;;FR;;;WD)' $U S-1-5-21-1 $W --desired FW

# ---- SDDL round trips through binary files ----------------------------
i=0
for sddl in 'O:SYG:BAD:(A;;FA;;;SY)(A;;FR;;;WD)' \
	'O:S-1-22-1-1000G:S-1-22-2-100D:AI(A;;0x1f019f;;;S-1-22-1-1000)(D;;FR;;;S-1-22-2-100)(A;;FR;;;WD)' \
	'O:BAD:PAI(A;OICI;FA;;;SY)(A;OICIIO;GA;;;CO)(A;ID;FR;;;AU)' \
	'O:SYD:PNO_ACCESS_CONTROL' 'O:SY' 'D:(A;;FX;;;WD)' \
	'O:SYG:SYD:(A;;FA;;;SY)S:(ML;;NRNWNX;;;SI)(TL;;FR;;;S-1-19-1024-8192)' \
	'O:SYD:(A;;0x1ff;;;WD)(A;;RCSDWDWO;;;BU)'; do
	i=$((i + 1))
	t_exit 0 "set --file, round trip $i" "$P" set --file "$T/rt$i" "$sddl"
	t_out "$sddl" "show --sddl, round trip $i" "$P" show --sddl --file "$T/rt$i"
	"$P" set --file "$T/again$i" "$("$P" show --sddl --file "$T/rt$i")"
	t_exit 0 "binary identical after a second trip $i" cmp "$T/rt$i" "$T/again$i"
done
t_out "O:SYD:(A;;0x1ff;;;WD)" "file-right letters canonicalise to hex" sh -c \
	"'$P' set --file '$T/c' 'O:SYD:(A;;CCDCLCSWRPWPDTLOCR;;;WD)' && '$P' show --sddl --file '$T/c'"
t_out "O:SYD:(A;;FR;;;WD)" "SDDL is canonicalised" sh -c \
	"'$P' set --file '$T/c' ' D:(A;;0x120089;;;S-1-1-0) O:SY' && '$P' show --sddl --file '$T/c'"
"$P" set --file "$T/ck" 'O:SYD:(A;;FR;;;WD)'
t_check "check --file equals check --sddl" 'O:SYD:(A;;FR;;;WD)' 0 0x00120089 \
	granted $U S-1-5-21-1 $W
t_grep "^granted: *0x00120089" "check --file" "$P" check --file "$T/ck" $U S-1-5-21-1 $W
printf 'garbage bytes, not an SD' > "$T/bad"
t_grep "^stage: *malformed" "malformed SD file" "$P" check --file "$T/bad" $U S-1-5-21-1
t_exit 1 "malformed SD: denied" "$P" check --file "$T/bad" $U S-1-5-21-1
t_exit 1 "show of a malformed SD fails" "$P" show --file "$T/bad"

# ---- show in words -----------------------------------------------------
"$P" set --file "$T/w" 'O:SYG:BAD:(A;OICI;FA;;;SY)(A;;0x1f019f;;;S-1-22-1-1000)S:(ML;;NW;;;ME)'
t_grep "^owner: *S-1-5-18 (SYSTEM)" "show: owner with its name" "$P" show --file "$T/w"
t_grep "^group: *S-1-5-32-544 (BUILTIN.Administrators)" "show: group" "$P" show --file "$T/w"
t_grep "^control: 0x8014 DACL_PRESENT|SACL_PRESENT|SELF_RELATIVE" "show: control" \
	"$P" show --file "$T/w"
t_grep "\[0\] allow OI,CI 0x001f01ff FILE_ALL_ACCESS S-1-5-18 (SYSTEM)" \
	"show: an ACE a line" "$P" show --file "$T/w"
t_grep "\[1\] allow - 0x001f019f FILE_GENERIC_READ|FILE_GENERIC_WRITE|DELETE|WRITE_DAC|WRITE_OWNER S-1-22-1-1000 (Unix user 1000)" \
	"show: rights spelled out" "$P" show --file "$T/w" --identity-map none
t_grep "mandatory-label - 0x00000002 NO_WRITE_UP S-1-16-8192 (Medium Mandatory Level)" \
	"show: label ACE" "$P" show --file "$T/w"

# ---- edits on files ------------------------------------------------------
E="$T/e"
"$P" set --file "$E" 'O:SYG:SYD:(A;;FA;;;SY)(A;ID;FR;;;BU)'
t_exit 0 "allow" "$P" allow --file "$E" WD r
t_out 'O:SYG:SYD:(A;;FA;;;SY)(A;;FR;;;WD)(A;ID;FR;;;BU)' \
	"allow goes after the explicit ACEs, before inherited" "$P" show --sddl --file "$E"
t_exit 0 "deny" "$P" deny --file "$E" uid:1000 WRITE_DATA,APPEND_DATA --identity-map none
t_out 'O:SYG:SYD:(D;;0x6;;;S-1-22-1-1000)(A;;FA;;;SY)(A;;FR;;;WD)(A;ID;FR;;;BU)' \
	"deny goes before the explicit allows" "$P" show --sddl --file "$E"
t_exit 0 "second deny" "$P" deny --file "$E" Everyone FX
t_out 'O:SYG:SYD:(D;;0x6;;;S-1-22-1-1000)(D;;FX;;;WD)(A;;FA;;;SY)(A;;FR;;;WD)(A;ID;FR;;;BU)' \
	"second deny after the first, before the allows" "$P" show --sddl --file "$E"
t_exit 0 "allow with flags" "$P" allow --file "$E" BA 0x1f01ff --flags OI,CI
t_exit 0 "allow with a run of flags" "$P" allow --file "$E" AU RCWD --flags OICIIO
t_out 'O:SYG:SYD:(D;;0x6;;;S-1-22-1-1000)(D;;FX;;;WD)(A;;FA;;;SY)(A;;FR;;;WD)(A;OICI;FA;;;BA)(A;OICIIO;RCWD;;;AU)(A;ID;FR;;;BU)' \
	"flags and rights aliases" "$P" show --sddl --file "$E"
t_exit 0 "owner" "$P" owner --file "$E" BA
t_exit 0 "integrity" "$P" integrity --file "$E" high no-read-up,no-write-up
t_exit 0 "trust" "$P" trust --file "$E" protected:peios FR
t_out 'O:BAG:SYD:(D;;0x6;;;S-1-22-1-1000)(D;;FX;;;WD)(A;;FA;;;SY)(A;;FR;;;WD)(A;OICI;FA;;;BA)(A;OICIIO;RCWD;;;AU)(A;ID;FR;;;BU)S:(TL;;FR;;;S-1-19-512-4096)(ML;;NRNW;;;HI)' \
	"owner, integrity and trust" "$P" show --sddl --file "$E"
t_exit 0 "integrity again" "$P" integrity --file "$E" 4096
t_exit 0 "trust again" "$P" trust --file "$E" isolated:peiostcb GR
t_out 'S:(TL;;GR;;;S-1-19-1024-8192)(ML;;NW;;;LW)' \
	"labels are replaced, not added" sh -c "'$P' show --sddl --file '$E' | sed 's/.*S:/S:/'"
"$P" set --file "$T/n" 'O:SYD:NO_ACCESS_CONTROL'
t_grep "had no DACL" "allow on a NULL DACL warns" "$P" allow --file "$T/n" WD FR
t_out 'O:SYD:(A;;FR;;;WD)' "NULL DACL replaced by the one ACE" "$P" show --sddl --file "$T/n"

# ---- rights and SIDs ------------------------------------------------------
"$P" set --file "$T/r" 'O:SYD:'
for spec in "0x1f01ff:FA" "FA:FA" "r,w,x:0x1201bf" "rwx:0x1201bf" \
	"READ_DATA,FILE_WRITE_DATA:0x3" "GENERIC_ALL:GA" "GA|GR:GAGR" \
	"DELETE,READ_CONTROL:RCSD" "1:0x1" "LIST_DIRECTORY,TRAVERSE:0x21"; do
	"$P" set --file "$T/r" 'O:SYD:'
	"$P" allow --file "$T/r" WD "${spec%%:*}"
	t_out "O:SYD:(A;;${spec#*:};;;WD)" "rights '${spec%%:*}'" \
		"$P" show --sddl --file "$T/r"
done
for spec in "S-1-5-32-544:BA" "ba:BA" "SYSTEM:SY" "Administrators:BA" \
	"authenticated users:AU" "uid:0:SY" "gid:0:S-1-22-2-0" "uid:42:S-1-22-1-42" \
	"s-1-5-21-1-2-3:S-1-5-21-1-2-3"; do
	"$P" set --file "$T/r" 'O:SYD:'
	"$P" owner --file "$T/r" "${spec%:*}" --identity-map none
	t_out "O:${spec##*:}D:" "SID '${spec%:*}'" "$P" show --sddl --file "$T/r"
done

# ---- usage errors exit 2, failures exit 1, --help exits 0 -----------------
t_exit 2 "no command" "$P"
t_exit 2 "unknown command" "$P" frobnicate
t_exit 2 "unknown option" "$P" show --bogus --file "$T/r"
t_exit 2 "missing option argument" "$P" show --file
t_exit 2 "show: no PATH" "$P" show
t_exit 2 "show: extra argument" "$P" show a b
t_exit 2 "set: bad SDDL" "$P" set --file "$T/x" 'O:SYD:(A;;FA;;;XX)'
t_exit 2 "set: missing SDDL" "$P" set --file "$T/x"
t_exit 2 "allow: bad SID" "$P" allow --file "$T/r" S-1-x FR
t_exit 2 "allow: bad rights" "$P" allow --file "$T/r" WD QQ
t_exit 2 "allow: empty rights" "$P" allow --file "$T/r" WD 0
t_exit 2 "allow: MAXIMUM_ALLOWED" "$P" allow --file "$T/r" WD MAXIMUM_ALLOWED
t_exit 2 "allow: bad flags" "$P" allow --file "$T/r" WD FR --flags ID
t_exit 2 "allow: missing rights" "$P" allow --file "$T/r" WD
t_exit 2 "owner: --flags does not apply" "$P" owner --file "$T/r" SY --flags OI
t_exit 2 "integrity: bad level" "$P" integrity --file "$T/r" purple
t_exit 2 "integrity: bad policy" "$P" integrity --file "$T/r" high no-peeking
t_exit 2 "trust: bad level" "$P" trust --file "$T/r" protected:nobody FR
t_exit 2 "check: no descriptor" "$P" check --as-uid 1000
t_exit 2 "check: two descriptors" "$P" check --file "$T/r" --sddl 'O:SY'
t_exit 2 "check: bad SDDL" "$P" check --sddl 'O:' --as-uid 1
t_exit 2 "check: bad uid" "$P" check --sddl 'O:SY' --as-uid -1
t_exit 2 "check: --gid without --as-uid" "$P" check --sddl 'O:SY' --gid 5
t_exit 2 "check: bad capability" "$P" check --sddl 'O:SY' --as-uid 1 --caps fly
t_exit 2 "check: bad privilege" "$P" check --sddl 'O:SY' --user SY --priv SeFlyPrivilege
t_exit 2 "check: bad group attrs" "$P" check --sddl 'O:SY' --user SY --group BA:cheese
t_exit 2 "check: bad pip" "$P" check --sddl 'O:SY' --user SY --pip protected
t_exit 2 "check: bad intent" "$P" check --sddl 'O:SY' --user SY --intent fun
t_exit 2 "token: --desired does not apply" "$P" token --user SY --desired FR
t_exit 1 "check: unreadable identity map" "$P" check --sddl 'O:SY' --as-uid 1 \
	--identity-map "$T/nonexistent"
printf 'uid 1000 S-1-\n' > "$T/badmap"
t_exit 1 "check: malformed identity map" "$P" check --sddl 'O:SY' --as-uid 1 \
	--identity-map "$T/badmap"
t_exit 1 "show: no such file" "$P" show --file "$T/nonexistent"
t_grep "^peios-sd: $T/nonexistent: No such file or directory" \
	"failure message names the path" "$P" show --file "$T/nonexistent"
t_exit 1 "allow: no such file" "$P" allow --file "$T/nonexistent" WD FR
t_exit 1 "show: object without the xattr" "$P" show "$T/r"
for cmd in show set allow deny owner integrity trust check token; do
	t_grep "^usage: peios-sd $cmd" "$cmd --help" "$P" $cmd --help
	t_exit 0 "$cmd --help exits 0" "$P" $cmd --help
done
t_exit 0 "--help" "$P" --help

# 11. Inheritance marks what came from the token (PSD-004 §3.1), through
#     peios-sd new: the descriptor a new object would get.
t_grep "OWNER_DEFAULTED|GROUP_DEFAULTED|DACL_PRESENT" \
	"owner and group from the token are DEFAULTED (§3.1)" \
	"$P" new --parent 'O:SYG:SYD:(A;OICI;FA;;;SY)' --as-uid 1000
t_grep "^O:S-1-22-1-1000G:S-1-22-2-1000D:AI(A;ID;FA;;;SY)" \
	"new: owner, group and inherited ACE" \
	"$P" new --parent 'O:SYG:SYD:(A;OICI;FA;;;SY)' --as-uid 1000
t_grep "^control: 0x8406 GROUP_DEFAULTED|" \
	"an owner from the creator is not DEFAULTED (§3.1)" \
	"$P" new --parent 'O:SYD:(A;OI;FA;;;CO)' --creator 'O:BAD:AR' --as-uid 1000
t_exit 1 "CREATOR GROUP with no primary group fails closed (§3.1)" \
	"$P" new --parent 'O:SYD:(A;OI;FA;;;CG)' --user S-1-22-1-1000
t_grep "no primary group" "and says why" \
	"$P" new --parent 'O:SYD:(A;OI;FA;;;CG)' --user S-1-22-1-1000
t_exit 2 "new needs --parent" "$P" new --as-uid 1000
t_exit 2 "new: bad parent SDDL is a usage error" "$P" new --parent 'O:SYD:(' --as-uid 1000

# --version in every tool: the project's VERSION
V=$(cat "$(dirname "$0")/../../VERSION")
B=$(dirname "$P")
t_out "peios-sd $V" "peios-sd --version" "$P" --version
t_out "peios-ipcctl $V" "peios-ipcctl --version" "$B/peios-ipcctl" --version
t_out "peios-sem $V" "peios-sem --version" "$B/peios-sem" --version

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
