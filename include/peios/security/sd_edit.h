/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading and writing an object's descriptor as a whole
 * (Documentation/sd-management.md): what a reader may see, how a written
 * descriptor merges with the current one, which rights the change needs,
 * and the owner and relabel rules.
 */
#ifndef _PEIOS_SD_EDIT_H
#define _PEIOS_SD_EDIT_H

#include <peios/security/sd.h>
#include <peios/security/token.h>

/* The current descriptor without its audit and alarm ACEs. */
int peios_sd_without_audit(const u8 *sd, size_t len, u8 **out,
			   size_t *out_len);

struct peios_sd_change {
	u8 *sd;			/* the descriptor to store (allocated) */
	size_t len;
	u32 rights;		/* needed on the current descriptor */
	bool owner_changed;
	struct peios_sid owner;	/* the new owner, when changed */
	bool label_changed;
	u32 label_rid;		/* integrity of the new label (or Medium) */
};

/*
 * Merge @req into @cur: components @req carries replace the current ones,
 * absent ones are kept.  Audit ACEs are kept when @req has no SACL, or
 * when its SACL holds none and @keep_audit is true (a caller without the
 * security privilege, who could not have seen them).  -EINVAL when either
 * descriptor is malformed or the result would have no owner.
 */
int peios_sd_merge(const u8 *cur, size_t cur_len, const u8 *req,
		   size_t req_len, bool keep_audit,
		   struct peios_sd_change *change);
void peios_sd_change_release(struct peios_sd_change *change);

/* The owner and relabel rules: 0 or -EPERM. */
int peios_sd_change_permitted(const struct peios_sd_change *change,
			      const struct peios_token *tok);

#endif /* _PEIOS_SD_EDIT_H */
