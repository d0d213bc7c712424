// SPDX-License-Identifier: GPL-2.0
/*
 * Write seed corpora for the fuzz targets: a handful of descriptors in
 * binary (sd_validate, access_check with a request header, sd_edit as
 * current and requested descriptor) and SDDL text (sddl_parse), and
 * conditional expressions in both forms (conditional).
 * Usage: mkseeds DIR
 */
#include <stdio.h>
#include <sys/stat.h>
#include <peios/security/sddl.h>
#include <peios/security/conditional.h>

static const char *const seeds[] = {
	"O:SYG:SYD:(A;;FA;;;SY)",
	"O:S-1-22-1-1000G:S-1-22-2-100D:PAI(A;;0x1f019f;;;S-1-22-1-1000)"
	"(D;;FR;;;S-1-22-2-100)(A;;FR;;;WD)(A;OICIID;FA;;;SY)"
	"S:(ML;;NW;;;HI)(TL;;FR;;;S-1-19-512-1024)",
	"O:BAD:AR(A;OICI;GA;;;CO)(A;OICIIO;GR;;;CG)(A;;RCSDWDWO;;;OW)",
	"O:SYD:NO_ACCESS_CONTROLS:(AU;SAFA;FA;;;WD)(AL;;FR;;;AU)",
	"O:S-1-5-21-1-2-3-500G:BUD:(D;;0x2;;;AN)(A;;FX;;;BU)"
	"S:(ML;OICI;NRNWNX;;;SI)",
	"O:SYD:(XA;;FA;;;WD;(Member_of {SID(BA), SID(S-1-22-2-100)}))"
	"(XD;;FW;;;WD;((Not_Member_of_Any SID(BU)) || "
	"(!(Device_Member_of {}))))",
	"O:BAD:(XD;OICI;FA;;;AU;((Member_of_Any {SID(SY)}) && "
	"(Not_Member_of {SID(OW)})))(A;;FR;;;WD)",
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

/* Each callback ACE's ApplicationData, and its SDDL text, as seeds */
static void write_conditions(const char *dir, int i, const u8 *sd,
			     size_t len)
{
	static u8 in[1 + PEIOS_SD_MAX_SIZE];
	struct peios_sd_view v;
	struct peios_ace_view ace;
	struct sec_buf b;
	size_t off, tail;
	u16 k;

	if (peios_sd_decode(sd, len, &v) || !v.has_dacl)
		return;
	peios_acl_for_each(&v.dacl, off, k, &ace) {
		if (!peios_ace_type_is_callback(ace.type))
			continue;
		tail = ace.sid_off + ace.sid_len;
		in[0] = 0;
		memcpy(in + 1, ace.raw + tail, ace.size - tail);
		write_file(dir, "conditional", i * 64 + 2 * k, in,
			   1 + ace.size - tail);
		sec_buf_init(&b, PEIOS_SD_MAX_SIZE);
		sec_buf_put_u8(&b, 1);
		if (!peios_cond_format_sddl(ace.raw + tail, ace.size - tail,
					    &b) && !b.err)
			write_file(dir, "conditional", i * 64 + 2 * k + 1,
				   b.data, b.len);
		sec_buf_release(&b);
	}
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
		write_conditions(argv[1], (int)i, sd, len);
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
