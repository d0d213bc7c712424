// SPDX-License-Identifier: GPL-2.0
/*
 * The security core's API, exported to the KUnit test module only
 * (EXPORT_SYMBOL_IF_KUNIT exports nothing unless the kernel has KUnit), so
 * the suites test the very objects linked into peios_ipc.ko.  Kernel-only;
 * the portable sources stay free of kernel export macros.
 */
#include <linux/export.h>
#include <kunit/visibility.h>
#include <peios/security/access.h>
#include <peios/security/inherit.h>
#include <peios/security/mode.h>
#include <peios/security/sd.h>
#include <peios/security/sd_edit.h>
#include <peios/security/sddl.h>
#include <peios/security/sec_buf.h>
#include <peios/security/sid.h>
#include <peios/security/text.h>
#include <peios/security/token.h>
#include <peios/security/token_text.h>
EXPORT_SYMBOL_IF_KUNIT(peios_ac_stage_name);
EXPORT_SYMBOL_IF_KUNIT(peios_access_check);
EXPORT_SYMBOL_IF_KUNIT(peios_access_check_raw);
EXPORT_SYMBOL_IF_KUNIT(peios_ace_decode);
EXPORT_SYMBOL_IF_KUNIT(peios_ace_type_is_object);
EXPORT_SYMBOL_IF_KUNIT(peios_acl_decode);
EXPORT_SYMBOL_IF_KUNIT(peios_acl_next);
EXPORT_SYMBOL_IF_KUNIT(peios_aclb_add);
EXPORT_SYMBOL_IF_KUNIT(peios_aclb_add_ace);
EXPORT_SYMBOL_IF_KUNIT(peios_aclb_finish);
EXPORT_SYMBOL_IF_KUNIT(peios_aclb_init);
EXPORT_SYMBOL_IF_KUNIT(peios_aclb_release);
EXPORT_SYMBOL_IF_KUNIT(peios_file_mapping);
EXPORT_SYMBOL_IF_KUNIT(peios_map_generic);
EXPORT_SYMBOL_IF_KUNIT(peios_mode_add_aces);
EXPORT_SYMBOL_IF_KUNIT(peios_mode_class_rights);
EXPORT_SYMBOL_IF_KUNIT(peios_mode_creator_sd);
EXPORT_SYMBOL_IF_KUNIT(peios_mode_to_acl);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_build);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_chmod);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_compact);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_compact_free);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_compact_init);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_compact_size);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_create_from_mode);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_decode);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_equal);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_inherit);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_to_mode);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_validate);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_ace_flag_count);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_ace_flags);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_ace_type_count);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_ace_types);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_alias_of);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_format);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_parse);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_parse_sid);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_rights);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_rights_count);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_sid_alias_count);
EXPORT_SYMBOL_IF_KUNIT(peios_sddl_sid_aliases);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_authenticated_users);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_authority);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_builtin_admins);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_builtin_users);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_compare);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_creator_group);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_creator_owner);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_equal);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_everyone);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_filter_bit);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_format);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_from_bytes);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_init);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_integrity);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_is_integrity);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_is_trust);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_is_valid);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_local);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_nobody);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_owner_rights);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_principal_self);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_parse);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_set_authority);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_system);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_to_bytes);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_trust);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_unix_group);
EXPORT_SYMBOL_IF_KUNIT(peios_sid_unix_user);
EXPORT_SYMBOL_IF_KUNIT(peios_token_add_group);
EXPORT_SYMBOL_IF_KUNIT(peios_token_seal);
EXPORT_SYMBOL_IF_KUNIT(peios_token_alloc);
EXPORT_SYMBOL_IF_KUNIT(peios_token_free);
EXPORT_SYMBOL_IF_KUNIT(peios_token_group_sid);
EXPORT_SYMBOL_IF_KUNIT(peios_token_has_privilege);
EXPORT_SYMBOL_IF_KUNIT(peios_token_init);
EXPORT_SYMBOL_IF_KUNIT(peios_token_has_sid);
EXPORT_SYMBOL_IF_KUNIT(peios_token_matches_allow);
EXPORT_SYMBOL_IF_KUNIT(peios_token_matches_deny);
EXPORT_SYMBOL_IF_KUNIT(peios_token_may_own);
EXPORT_SYMBOL_IF_KUNIT(peios_token_owner_sid);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_merge);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_change_release);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_change_permitted);
EXPORT_SYMBOL_IF_KUNIT(peios_sd_without_audit);
EXPORT_SYMBOL_IF_KUNIT(peios_hex_digit);
EXPORT_SYMBOL_IF_KUNIT(peios_token_describe);
