// SPDX-License-Identifier: GPL-2.0
/*
 * peios-sd new: the descriptor a new object would get, by the same
 * inheritance the module runs when a queue or file is created (PSD-004
 * §3.6, security/inherit.c), for a parent descriptor, an optional creator
 * descriptor and an identity.  It shows what SDDL cannot: the control bits
 * (OWNER_DEFAULTED and the like, §3.1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <peios/security/inherit.h>
#include <peios/security/sd.h>
#include <peios/security/sddl.h>

#include "cli.h"
#include "commands.h"
#include "ident.h"

const char new_usage[] =
"usage: peios-sd new --parent SDDL [--creator SDDL] [--container] [IDENTITY]\n"
"\n"
"Print the descriptor a new object would get in a directory whose\n"
"descriptor is --parent, created by IDENTITY (options as for 'check') with\n"
"the creator descriptor --creator (none: owner, group and DACL from the\n"
"token and the parent), as SDDL and its control bits.  --container: the\n"
"new object is a directory.  Exit status 0, 1 when inheritance fails (a\n"
"CREATOR GROUP ACE with no primary group), 2 on usage error.\n";

static int parse_sddl(const char *what, const char *text, u8 **sd,
		      size_t *len)
{
	if (peios_sddl_parse(text, strlen(text), sd, len))
		return usage_error("invalid %s SDDL '%s'", what, text);
	return 0;
}

int cmd_new(int argc, char **argv)
{
	const char *parent = NULL, *creator = NULL;
	u8 *psd = NULL, *csd = NULL, *out = NULL;
	size_t plen, clen = 0, olen, tlen;
	struct peios_sd_view v;
	bool container = false;
	char **rest = calloc(argc + 1, sizeof(*rest));
	int i, n = 0, ret;
	struct ident id;
	char *text;

	if (!rest)
		return op_failed("new", -ENOMEM);
	/* Take new's own options; the rest is the identity. */
	for (i = 0; i < argc; i++) {
		if (i && !strcmp(argv[i], "--parent") && i + 1 < argc)
			parent = argv[++i];
		else if (i && !strcmp(argv[i], "--creator") && i + 1 < argc)
			creator = argv[++i];
		else if (i && !strcmp(argv[i], "--container"))
			container = true;
		else
			rest[n++] = argv[i];
	}
	ret = parent ? 0 : usage_error("new needs --parent SDDL");
	if (!ret)
		ret = cli_identity(n, rest, &id);
	if (!ret)
		ret = parse_sddl("parent", parent, &psd, &plen);
	if (!ret && creator)
		ret = parse_sddl("creator", creator, &csd, &clen);
	if (ret)
		goto out;
	ret = peios_sd_inherit(psd, plen, csd, clen, &id.tok, container,
			       &peios_file_mapping, &out, &olen);
	if (ret == -ENODATA) {
		fprintf(stderr, "peios-sd: new: the parent has a CREATOR GROUP ACE and the token no primary group (PSD-004 §3.1): nothing would be created\n");
		ret = EXIT_FAILED;
		goto out;
	}
	if (ret) {
		ret = op_failed("new", ret);
		goto out;
	}
	ret = peios_sddl_format(out, olen, &text, &tlen);
	if (!ret)
		ret = peios_sd_decode(out, olen, &v);
	if (ret) {
		ret = op_failed("SDDL", ret);
		goto out;
	}
	printf("%s\n", text);
	free(text);
	print_control(v.control);
	ret = EXIT_OK;
out:
	free(out);
	free(csd);
	free(psd);
	free(rest);
	return ret;
}
