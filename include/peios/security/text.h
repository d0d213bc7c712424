/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Line-oriented text of the administrator's tables (the identity map,
 * the trust table) and of the tools that read them back: lines, words
 * and numbers, parsed in place in a NUL-terminated buffer.
 */
#ifndef _PEIOS_SEC_TEXT_H
#define _PEIOS_SEC_TEXT_H

#include <peios/security/sec_port.h>

/* Next line of *text (its '\n' replaced by NUL), or NULL at the end. */
char *peios_next_line(char **text);
/* Next word of *line (space-separated), or NULL at the end. */
char *peios_next_word(char **line);
/* The rest of *line without surrounding spaces, or NULL if empty. */
char *peios_rest_of_line(char **line);
/* Empty, only spaces, or a '#' comment. */
bool peios_line_is_blank(const char *line);
/* Lines peios_next_line() would return at most (1 for ""). */
u32 peios_count_lines(const char *text);

/* The value of hex digit @c, or -1: the one copy SIDs, SDDL and tables use. */
int peios_hex_digit(char c);

/*
 * Whole-string numbers of at most 32 bits, no sign: peios_parse_u32()
 * decimal only (ids), peios_parse_number() decimal or 0x hex (levels,
 * masks).  -EINVAL otherwise.
 */
int peios_parse_u32(const char *s, u32 *v);
int peios_parse_number(const char *s, u32 *v);

/*
 * What an snprintf() into @size bytes returning @ret left in the buffer:
 * the length, clamped when it truncated, so lines can be appended
 * n += peios_text_written(snprintf(buf + n, size - n, ...), size - n).
 */
size_t peios_text_written(int ret, size_t size);

#endif /* _PEIOS_SEC_TEXT_H */
