// SPDX-License-Identifier: GPL-2.0
/*
 * Write seed corpora for the fuzz targets: a handful of descriptors in
 * binary (sd_validate, access_check with a request header, sd_edit as
 * current and requested descriptor) and SDDL text (sddl_parse).
 * Usage: mkseeds DIR
 */
#include <stdio.h>
#include <sys/stat.h>
#include <peios/security/sddl.h>

static const char *const seeds[] = {
	"O:SYG:SYD:(A;;FA;;;SY)",
	"O:S-1-22-1-1000G:S-1-22-2-100D:PAI(A;;0x1f019f;;;S-1-22-1-1000)"
	"(D;;FR;;;S-1-22-2-100)(A;;FR;;;WD)(A;OICIID;FA;;;SY)"
	"S:(ML;;NW;;;HI)(TL;;FR;;;S-1-19-512-1024)",
	"O:BAD:AR(A;OICI;GA;;;CO)(A;OICIIO;GR;;;CG)(A;;RCSDWDWO;;;OW)",
	"O:SYD:NO_ACCESS_CONTROLS:(AU;SAFA;FA;;;WD)(AL;;FR;;;AU)",
	"O:S-1-5-21-1-2-3-500G:BUD:(D;;0x2;;;AN)(A;;FX;;;BU)"
	"S:(ML;OICI;NRNWNX;;;SI)",
	"D:",
	"",
};

static void write_file(const char *dir, const char *sub, int i,
		       const void *p, size_t n)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/seed%d", dir, sub, i);
	f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(p, 1, n, f);
	fclose(f);
}

int main(int argc, char **argv)
{
	static u8 hdr[16 + PEIOS_SD_MAX_SIZE];
	static u8 edit[4 + 2 * PEIOS_SD_MAX_SIZE];
	const size_t n = sizeof(seeds) / sizeof(seeds[0]);
	size_t i, len, len2;
	u8 *sd, *sd2;

	if (argc != 2)
		return 2;
	mkdir(argv[1], 0755);
	for (i = 0; i < n; i++) {
		write_file(argv[1], "sddl_parse", (int)i, seeds[i],
			   strlen(seeds[i]));
		if (peios_sddl_parse(seeds[i], strlen(seeds[i]), &sd, &len))
			return 1;
		write_file(argv[1], "sd_validate", (int)i, sd, len);
		memset(hdr, 0, 16);
		hdr[0] = (u8)i;
		hdr[7] = 1;		/* FILE_READ_DATA */
		hdr[10] = 0x02;		/* MAXIMUM_ALLOWED */
		memcpy(hdr + 16, sd, len);
		write_file(argv[1], "access_check", (int)i, hdr, 16 + len);
		/* sd_edit: this seed written over the next; split = len. */
		if (peios_sddl_parse(seeds[(i + 1) % n],
				     strlen(seeds[(i + 1) % n]), &sd2, &len2))
			return 1;
		memset(edit, 0, 4);
		edit[0] = (u8)i;
		edit[3] = (u8)(len / 4);
		memcpy(edit + 4, sd, len);
		memcpy(edit + 4 + len, sd2, len2);
		if (len % 4 == 0 && len / 4 < 256)
			write_file(argv[1], "sd_edit", (int)i, edit,
				   4 + len + len2);
		sec_free(sd2);
		sec_free(sd);
	}
	return 0;
}
