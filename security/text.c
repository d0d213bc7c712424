// SPDX-License-Identifier: GPL-2.0
/*
 * Lines, words and numbers of the administrator's tables (text.h).  The
 * kernel's securityfs parsers and the tools split the same text with
 * these, so a line means the same thing on both sides.  Spaces are the
 * ASCII ones only: the kernel's isspace() also takes Latin-1 0xA0, which
 * the tools' would not.
 */
#include <peios/security/text.h>

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static char *skip_space(const char *s)
{
	while (is_space(*s))
		s++;
	return (char *)s;
}

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

char *peios_next_word(char **line)
{
	char *w = skip_space(*line), *end;

	if (!*w)
		return NULL;
	end = w;
	while (*end && !is_space(*end))
		end++;
	if (*end)
		*end++ = '\0';
	*line = end;
	return w;
}

/* Paths may hold spaces: only the ends are trimmed. */
char *peios_rest_of_line(char **line)
{
	char *rest = skip_space(*line), *end = rest + strlen(rest);

	while (end > rest && is_space(end[-1]))
		end--;
	*end = '\0';
	*line = end;
	return *rest ? rest : NULL;
}

bool peios_line_is_blank(const char *line)
{
	line = skip_space(line);
	return !*line || *line == '#';
}

u32 peios_count_lines(const char *text)
{
	u32 n = 1;

	while ((text = strchr(text, '\n'))) {
		n++;
		text++;
	}
	return n;
}

int peios_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int digit_value(char c, u32 base)
{
	int v = peios_hex_digit(c);

	return v >= 0 && (u32)v < base ? v : -1;
}

static int parse_base(const char *s, u32 base, u32 *v)
{
	u64 n = 0;
	int d;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		d = digit_value(*s, base);
		if (d < 0)
			return -EINVAL;
		n = n * base + d;
		if (n > 0xFFFFFFFFull)
			return -EINVAL;
	}
	*v = (u32)n;
	return 0;
}

int peios_parse_u32(const char *s, u32 *v)
{
	return s ? parse_base(s, 10, v) : -EINVAL;
}

int peios_parse_number(const char *s, u32 *v)
{
	if (!s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return parse_base(s + 2, 16, v);
	return parse_base(s, 10, v);
}

size_t peios_text_written(int ret, size_t size)
{
	if (ret < 0 || !size)
		return 0;
	return (size_t)ret < size ? (size_t)ret : size - 1;
}
