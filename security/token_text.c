// SPDX-License-Identifier: GPL-2.0
/*
 * A token as text (token_text.h).  Numbers are written "0x%x", not
 * "%#x": the kernel's printf writes 0 as 0x0 there and libc as 0, and
 * the kernel's whoami and the tools must print the same bytes.
 */
#include <peios/security/text.h>
#include <peios/security/token_text.h>
#include <peios/security/vocabulary.h>

static size_t describe_sid(char *buf, size_t size, const char *tag,
			   const struct peios_sid_attr *sa)
{
	char text[PEIOS_SID_STR_MAX];

	peios_sid_format(&sa->sid, text, sizeof(text));
	return peios_text_written(snprintf(buf, size, "%s %s 0x%x\n", tag,
					   text, sa->attrs), size);
}

size_t peios_token_describe(const struct peios_token *tok,
			    const struct peios_psb *psb, char *buf,
			    size_t size)
{
	size_t n, i;

	n = describe_sid(buf, size, "user", &tok->user);
	for (i = 0; i < tok->group_count; i++)
		n += describe_sid(buf + n, size - n, "group", &tok->groups[i]);
	n += peios_text_written(snprintf(buf + n, size - n,
					 "integrity %u\npolicy 0x%x\n",
					 tok->integrity,
					 tok->mandatory_policy), size - n);
	for (i = 0; i < peios_privilege_name_count; i++) {
		const struct peios_name *p = &peios_privilege_names[i];

		if (peios_token_has_privilege(tok, (int)p->value))
			n += peios_text_written(snprintf(buf + n, size - n,
							 "privilege %s\n",
							 p->name), size - n);
	}
	n += peios_text_written(snprintf(buf + n, size - n, "pip %u:%u\n",
					 psb->pip_type, psb->pip_trust),
				size - n);
	return n;
}
