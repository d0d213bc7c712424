// SPDX-License-Identifier: GPL-2.0
/*
 * Small text helpers shared by the identity map and the trust table
 * parsers: line and word splitting, numbers, integrity level names.
 * Kernel-only.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <peios/identity_tables.h>
#include "text.h"

/* Next line of *text (NUL-terminated, modified in place), or NULL. */
char *peios_next_line(char **text)
{
	char *line = *text, *nl;

	if (!line || !*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*text = nl + 1;
	} else {
		*text = line + strlen(line);
	}
	return line;
}

/* Next space-separated word of *line, or NULL at the end. */
char *peios_next_word(char **line)
{
	char *w = skip_spaces(*line), *end;

	if (!*w)
		return NULL;
	end = w;
	while (*end && !isspace(*end))
		end++;
	if (*end)
		*end++ = '\0';
	*line = end;
	return w;
}

/* The rest of the line without surrounding spaces (paths may hold spaces). */
char *peios_rest_of_line(char **line)
{
	char *rest = strim(*line);

	*line = rest + strlen(rest);
	return *rest ? rest : NULL;
}

bool peios_line_is_blank(const char *line)
{
	line = skip_spaces(line);
	return !*line || *line == '#';
}

static const struct {
	const char *name;
	u32 il;
} integrity_names[] = {
	{ "untrusted", PEIOS_IL_UNTRUSTED },
	{ "low", PEIOS_IL_LOW },
	{ "medium", PEIOS_IL_MEDIUM },
	{ "high", PEIOS_IL_HIGH },
	{ "system", PEIOS_IL_SYSTEM },
};

int peios_parse_integrity(const char *s, u32 *il)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(integrity_names); i++) {
		if (!strcasecmp(s, integrity_names[i].name)) {
			*il = integrity_names[i].il;
			return 0;
		}
	}
	return kstrtou32(s, 0, il) ? -EINVAL : 0;
}

const char *peios_integrity_name(u32 il)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(integrity_names); i++)
		if (integrity_names[i].il == il)
			return integrity_names[i].name;
	return NULL;
}
