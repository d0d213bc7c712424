/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PEIOS_IDENTITY_TEXT_H
#define _PEIOS_IDENTITY_TEXT_H

char *peios_next_line(char **text);
char *peios_next_word(char **line);
char *peios_rest_of_line(char **line);
bool peios_line_is_blank(const char *line);

#endif
