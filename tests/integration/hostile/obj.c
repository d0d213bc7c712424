// SPDX-License-Identifier: GPL-2.0
/*
 * hostile_obj: the module's own interfaces under hostile input, each case
 * with its exact errno and a check that nothing changed:
 *   - system.peios.sd: NULL, short, truncated, oversized and misaligned
 *     descriptors, every header field and offset bad, bad ACL and ACE
 *     sizes and counts, bad SIDs, small getxattr/listxattr buffers, then
 *     random mutations of a valid descriptor;
 *   - the semaphore ioctls of peios_shm (include/uapi/peios/sem.h);
 *   - /sys/kernel/security/peios_ipc/{identity_map,trust_table,whoami};
 *   - mount options of mqueue and peios_shm.
 * Module only (the reference kernel has none of these).  Run as root with
 * every capability, the module loaded, /dev/mqueue and /dev/shm mounted.
 *   hostile_obj            everything above
 *   hostile_obj sem        the semaphore ioctls only (the -m32 build)
 *   hostile_obj nonroot    securityfs as an unprivileged caller
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <peios/sem.h>
#include "../lib/hostile.h"

#define SD_NAME "system.peios.sd"
#define QPATH	"/dev/mqueue/hostile_x"
#define SHMPATH	"/dev/shm/hostile_x"
#define SEMPATH	"/dev/shm/sem.hostile_x"
#define BADSEM	"/dev/shm/sem.hostile_bad"
#define SECFS	"/sys/kernel/security/peios_ipc/"

static const char *const objects[] = { QPATH, SHMPATH, SEMPATH, "/dev/mqueue",
				       "/dev/shm" };
#define NOBJ 5

static unsigned char sd0[NOBJ][4096];	/* the descriptors as set up */
static ssize_t sd0_len[NOBJ];
static int semfd, semro, shmfd;

static long x_setxattr(const void *path, const void *name, const void *val,
		       size_t size, int flags)
{
	return syscall(__NR_setxattr, path, name, val, size, flags);
}

static long x_getxattr(const void *path, const void *name, void *val,
		       size_t size)
{
	return syscall(__NR_getxattr, path, name, val, size);
}

/* --- snapshot ---------------------------------------------------------------- */

static size_t add_text(char *buf, size_t size, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (n + l + 1 >= size)
		l = n + 1 < size ? size - n - 1 : 0;
	memcpy(buf + n, s, l);
	buf[n + l] = 0;
	return n + l;
}

static size_t add_hex(char *buf, size_t size, size_t n, const void *p,
		      size_t len)
{
	char h[3];
	size_t i;

	for (i = 0; i < len; i++) {
		snprintf(h, sizeof(h), "%02x", ((const unsigned char *)p)[i]);
		n = add_text(buf, size, n, h);
	}
	return n;
}

static size_t add_file(char *buf, size_t size, size_t n, const char *path)
{
	char text[4096];
	int fd = open(path, O_RDONLY);
	ssize_t len = fd >= 0 ? read(fd, text, sizeof(text) - 1) : -1;

	if (fd >= 0)
		close(fd);
	text[len > 0 ? len : 0] = 0;
	n = add_text(buf, size, n, "[");
	n = add_text(buf, size, n, len < 0 ? h_errname(errno) : text);
	return add_text(buf, size, n, "]");
}

static void snapshot(char *buf, size_t size)
{
	unsigned char sd[4096];
	char line[128];
	struct stat st;
	size_t n = 0;
	ssize_t len;
	int i;

	buf[0] = 0;
	for (i = 0; i < NOBJ; i++) {
		len = x_getxattr(objects[i], SD_NAME, sd, sizeof(sd));
		snprintf(line, sizeof(line), " %s %ld ", objects[i], (long)len);
		n = add_text(buf, size, n, line);
		if (len > 0)
			n = add_hex(buf, size, n, sd, len);
		if (!stat(objects[i], &st)) {
			snprintf(line, sizeof(line), " %o %u %u %lld",
				 st.st_mode, st.st_uid, st.st_gid,
				 (long long)st.st_size);
			n = add_text(buf, size, n, line);
		}
	}
	if (pread(semfd, sd, PEIOS_SEM_SIZE, 0) == PEIOS_SEM_SIZE) {
		n = add_text(buf, size, n, " sem ");
		n = add_hex(buf, size, n, sd, 16);
	}
	n = add_file(buf, size, n, SECFS "identity_map");
	n = add_file(buf, size, n, SECFS "trust_table");
	n = add_file(buf, size, n, "/proc/self/mountinfo");
}

/* --- system.peios.sd ---------------------------------------------------------- */

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(unsigned char *p, unsigned long v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static unsigned int get16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static unsigned long get32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned long)p[3] << 24;
}

/* Write a descriptor; it must be rejected with @want and change nothing. */
static void sd_case(int obj, int want, const void *sd, size_t len,
		    const char *what)
{
	HCASE(want, x_setxattr(objects[obj], SD_NAME, sd, len, 0), "%s: %s",
	      objects[obj], what);
}

/* The header fields: revision, Sbz1, control, four offsets. */
static void test_sd_header(int obj)
{
	const unsigned char *good = sd0[obj];
	size_t len = sd0_len[obj];
	unsigned char sd[70000];
	static const char *const field[] = { "owner", "group", "SACL", "DACL" };
	int f, i;

	memcpy(sd, good, len);
	sd[0] = 0;
	sd_case(obj, EINVAL, sd, len, "SD revision 0");
	sd[0] = 2;
	sd_case(obj, EINVAL, sd, len, "SD revision 2");
	sd[0] = 0xff;
	sd_case(obj, EINVAL, sd, len, "SD revision 255");
	memcpy(sd, good, len);
	put16(sd + 2, get16(good + 2) & ~0x8000);
	sd_case(obj, EINVAL, sd, len, "SD without SE_SELF_RELATIVE");
	for (f = 0; f < 4; f++) {
		const unsigned long bad[] = {
			1, 3, 4, 16, 19, 21, 22, len, len + 4, len - 1,
			len - 2, 0x7fffffff, 0xffffffff, 0x80000000,
		};
		unsigned long cur = get32(good + 4 + 4 * f);

		for (i = 0; i < 14; i++) {
			char what[96];

			memcpy(sd, good, len);
			put32(sd + 4 + 4 * f, bad[i]);
			snprintf(what, sizeof(what), "%s offset %lu", field[f],
				 bad[i]);
			sd_case(obj, EINVAL, sd, len, what);
		}
		/* Another component's offset: an overlap. */
		for (i = 0; i < 4; i++) {
			unsigned long other = get32(good + 4 + 4 * i);
			char what[96];

			if (i == f || !other || !cur || other == cur)
				continue;
			memcpy(sd, good, len);
			put32(sd + 4 + 4 * f, other);
			snprintf(what, sizeof(what), "%s at the %s's offset",
				 field[f], field[i]);
			sd_case(obj, EINVAL, sd, len, what);
		}
	}
	/* A DACL offset with DACL_PRESENT clear is malformed. */
	memcpy(sd, good, len);
	if (get32(good + 16)) {
		put16(sd + 2, get16(good + 2) & ~0x0004);
		sd_case(obj, EINVAL, sd, len, "DACL offset without DACL_PRESENT");
	}
	memcpy(sd, good, len);
	if (get32(good + 12)) {
		put16(sd + 2, get16(good + 2) & ~0x0010);
		sd_case(obj, EINVAL, sd, len, "SACL offset without SACL_PRESENT");
	} else {
		put16(sd + 2, get16(good + 2) | 0x0010);
		put32(sd + 12, len);
		sd_case(obj, EINVAL, sd, len, "SACL_PRESENT, SACL past the end");
	}
	/* Truncated: every length short of the whole. */
	for (i = 0; i < (int)len; i++) {
		char what[64];

		snprintf(what, sizeof(what), "truncated to %d bytes", i);
		if (i == 0)
			sd_case(obj, EINVAL, good, 0, "size 0 (an empty value)");
		else
			sd_case(obj, EINVAL, good, i, what);
	}
	/* Oversized: 65535 is the most a descriptor may be; VFS caps 65536. */
	memset(sd, 0, sizeof(sd));
	memcpy(sd, good, len);
	sd_case(obj, EINVAL, sd, 65536, "65536 bytes (valid SD, zero padding)");
	sd_case(obj, E2BIG, sd, 65537, "65537 bytes");
	sd_case(obj, E2BIG, sd, SIZE_MAX, "SIZE_MAX bytes");
	sd_case(obj, E2BIG, NULL, SIZE_MAX, "NULL, SIZE_MAX bytes");
}

/* Offsets of the DACL and its first ACE's SID, from the good SD. */
static void test_sd_acl(int obj)
{
	const unsigned char *good = sd0[obj];
	size_t len = sd0_len[obj], dacl = get32(good + 16), owner = get32(good + 4);
	unsigned char sd[4096];
	unsigned int size, count, ace_size;
	int i;

	if (!dacl || dacl + 8 > len) {
		CHECK(0, "%s: the set-up SD has a DACL", objects[obj]);
		return;
	}
	size = get16(good + dacl + 2);
	count = get16(good + dacl + 4);
	ace_size = count ? get16(good + dacl + 8 + 2) : 0;
	{
		const unsigned char revs[] = { 0, 1, 3, 5, 0xff };

		for (i = 0; i < 5; i++) {
			char what[64];

			memcpy(sd, good, len);
			sd[dacl] = revs[i];
			snprintf(what, sizeof(what), "ACL revision %u", revs[i]);
			sd_case(obj, EINVAL, sd, len, what);
		}
	}
	/*
	 * Sbz1/Sbz2 are not interpreted (PSD-004 §3.2), so they are no
	 * reason to reject; bytes after the last ACE inside AclSize are.
	 */
	if (count) {
		memcpy(sd, good, len);
		put16(sd + dacl + 4, count - 1);
		sd_case(obj, EINVAL, sd, len,
			"ACE count one low: bytes after the last ACE");
	}
	{
		const unsigned int sizes[] = { 0, 4, 7, size - 1, size + 4,
					       len - dacl + 4, 0xfffc, 0xffff };

		for (i = 0; i < 8; i++) {
			char what[64];

			memcpy(sd, good, len);
			put16(sd + dacl + 2, sizes[i]);
			snprintf(what, sizeof(what), "ACL size %u (was %u)",
				 sizes[i], size);
			sd_case(obj, EINVAL, sd, len, what);
		}
	}
	{
		const unsigned int counts[] = { count + 1, count + 100, 0xffff };

		for (i = 0; i < 3; i++) {
			char what[64];

			memcpy(sd, good, len);
			put16(sd + dacl + 4, counts[i]);
			snprintf(what, sizeof(what), "ACE count %u (was %u)",
				 counts[i], count);
			sd_case(obj, EINVAL, sd, len, what);
		}
	}
	if (count) {
		const unsigned int sizes[] = { 0, 1, 3, 4, 7, ace_size - 1,
					       ace_size + 1, ace_size - 4,
					       size, 0xffff };
		size_t sid = dacl + 8 + 8;

		for (i = 0; i < 10; i++) {
			char what[64];

			memcpy(sd, good, len);
			put16(sd + dacl + 8 + 2, sizes[i]);
			snprintf(what, sizeof(what), "first ACE size %u (was %u)",
				 sizes[i], ace_size);
			sd_case(obj, EINVAL, sd, len, what);
		}
		memcpy(sd, good, len);
		sd[sid] = 2;
		sd_case(obj, EINVAL, sd, len, "ACE SID revision 2");
		memcpy(sd, good, len);
		sd[sid + 1] = 16;
		sd_case(obj, EINVAL, sd, len, "ACE SID with 16 sub-authorities");
		memcpy(sd, good, len);
		sd[sid + 1] = 0xff;
		sd_case(obj, EINVAL, sd, len, "ACE SID with 255 sub-authorities");
		/* the SID's first bytes become object flags: a GUID that
		 * does not fit (the revision alone is no reason, §3.4) */
		memcpy(sd, good, len);
		sd[dacl + 8] = 5;
		sd_case(obj, EINVAL, sd, len,
			"first ACE retyped as an object ACE, GUID past its end");
		memcpy(sd, good, len);
		put32(sd + dacl + 8 + 4,
		      get32(good + dacl + 8 + 4) | 0x02000000);
		sd_case(obj, EINVAL, sd, len,
			"MAXIMUM_ALLOWED in an ACE mask (§3.3)");
		if (good[sid + 1]) {
			memcpy(sd, good, len);
			sd[sid + 1]--;
			sd_case(obj, EINVAL, sd, len,
				"bytes after the SID of an allow ACE (§3.4)");
		}
	}
	if (owner) {
		memcpy(sd, good, len);
		sd[owner] = 0;
		sd_case(obj, EINVAL, sd, len, "owner SID revision 0");
		memcpy(sd, good, len);
		sd[owner + 1] = 200;
		sd_case(obj, EINVAL, sd, len, "owner SID with 200 sub-authorities");
		/* Misaligned: the same SD shifted by one byte after the header. */
		memcpy(sd, good, 20);
		memcpy(sd + 21, good + 20, len - 20);
		for (i = 0; i < 4; i++)
			if (get32(good + 4 + 4 * i))
				put32(sd + 4 + 4 * i, get32(good + 4 + 4 * i) + 1);
		sd_case(obj, EINVAL, sd, len + 1, "every component misaligned by 1");
	}
}

static void test_sd_pointers(int obj)
{
	const char *path = objects[obj];
	unsigned char buf[4096];
	char list[64];
	size_t len = sd0_len[obj];
	int i;

	for (i = 1; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_setxattr(path, SD_NAME, h_badptr(i), len, 0),
		      "%s: setxattr value %s", path, h_badptr_name(i));
	HCASE(EFAULT, x_setxattr(path, SD_NAME, NULL, len, 0),
	      "%s: setxattr NULL value, %zu bytes", path, len);
	memcpy(h_edge(len - 1), sd0[obj], len - 1);
	HCASE(EFAULT, x_setxattr(path, SD_NAME, h_edge(len - 1), len, 0),
	      "%s: setxattr value straddling PROT_NONE", path);
	HCASE(EEXIST, x_setxattr(path, SD_NAME, sd0[obj], len, XATTR_CREATE),
	      "%s: setxattr XATTR_CREATE", path);
	HCASE(EINVAL, x_setxattr(path, SD_NAME, sd0[obj], len, 4),
	      "%s: setxattr flags 4", path);
	HCASE(EINVAL, x_setxattr(path, SD_NAME, sd0[obj], len, -1),
	      "%s: setxattr flags -1", path);
	HCASE(EPERM, removexattr(path, SD_NAME), "%s: removexattr", path);
	HCASE(EOPNOTSUPP, x_setxattr(path, "system.peios.sd2", sd0[obj], len, 0),
	      "%s: setxattr system.peios.sd2", path);
	HCASE(EOPNOTSUPP, x_setxattr(path, "system.peios.", sd0[obj], len, 0),
	      "%s: setxattr system.peios.", path);
	HCASE(EOPNOTSUPP, x_setxattr(path, "user.x", "v", 1, 0),
	      "%s: setxattr user.x", path);
	HCASE(ERANGE, x_setxattr(path, "", sd0[obj], len, 0),
	      "%s: setxattr empty name", path);
	HCASE(EFAULT, x_setxattr(path, NULL, sd0[obj], len, 0),
	      "%s: setxattr NULL name", path);
	HCASE(EFAULT, x_setxattr(path, h_unterminated(10, 's'), sd0[obj], len,
				 0), "%s: setxattr unterminated name", path);
	for (i = 1; i < (int)len; i++)
		HCASE(ERANGE, x_getxattr(path, SD_NAME, buf, i),
		      "%s: getxattr into %d bytes of %zu", path, i, len);
	CHECK(x_getxattr(path, SD_NAME, NULL, 0) == (long)len,
	      "%s: getxattr size 0 gives the length", path);
	for (i = 0; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_getxattr(path, SD_NAME, h_badptr(i), len),
		      "%s: getxattr into %s", path, h_badptr_name(i));
	HCASE(EFAULT, x_getxattr(path, SD_NAME, h_edge(len - 1), len),
	      "%s: getxattr into a buffer straddling PROT_NONE", path);
	HCASE(EOPNOTSUPP, x_getxattr(path, "system.peios.sdx", buf, sizeof(buf)),
	      "%s: getxattr system.peios.sdx", path);
	for (i = 1; i < 16; i++)
		HCASE(ERANGE, syscall(__NR_listxattr, path, list, i),
		      "%s: listxattr into %d bytes", path, i);
	HCASE(EFAULT, syscall(__NR_listxattr, path, h_unmapped, 64),
	      "%s: listxattr into unmapped memory", path);
	h_cases++;
	CHECK(listxattr(path, list, sizeof(list)) == 16 &&
	      !strcmp(list, SD_NAME), "%s: listxattr shows system.peios.sd",
	      path);
}

/*
 * Put an object's set-up descriptor back after a mutation that was valid.
 * The owner first (SeTakeOwnershipPrivilege grants WRITE_OWNER whatever
 * the DACL says), which makes root the owner with its implicit WRITE_DAC,
 * then the whole descriptor.
 */
static long restore_sd(int obj)
{
	const unsigned char *good = sd0[obj];
	unsigned long owner = get32(good + 4);
	unsigned char sd[20 + 8 + 4 * 15] = { 1 };
	size_t sid_len;

	if (owner && owner + 8 <= (size_t)sd0_len[obj]) {
		sid_len = 8 + 4 * (size_t)good[owner + 1];
		put16(sd + 2, 0x8000);
		put32(sd + 4, 20);
		memcpy(sd + 20, good + owner, sid_len);
		x_setxattr(objects[obj], SD_NAME, sd, 20 + sid_len, 0);
	}
	/*
	 * Without a SACL the set-up descriptor cannot say "no SACL" (absent
	 * means keep): write it with SACL_PRESENT and a NULL SACL, which
	 * drops any label or SACL control bit a mutation added.
	 */
	if (!get32(good + 12)) {
		unsigned char full[4096];

		memcpy(full, good, sd0_len[obj]);
		put16(full + 2, get16(good + 2) | 0x0010);
		return x_setxattr(objects[obj], SD_NAME, full, sd0_len[obj], 0);
	}
	return x_setxattr(objects[obj], SD_NAME, good, sd0_len[obj], 0);
}

/*
 * A valid mutation may lawfully lock even root out (a trust label, a label
 * above System, an OWNER RIGHTS ACE): then the file is replaced by a new
 * one made the same way, whose descriptor must be the set-up one again.
 */
static int recreate(int obj)
{
	unsigned char word[PEIOS_SEM_SIZE] = { 0 };
	int fd;

	if (unlink(objects[obj]))
		return -1;
	fd = open(objects[obj], O_CREAT | O_EXCL | O_RDWR,
		  obj == 2 ? 0600 : 0640);
	if (fd < 0)
		return -1;
	if (obj == 2) {
		word[8] = PEIOS_SEM_SHARED;
		if (pwrite(fd, word, sizeof(word), 0) != sizeof(word))
			return -1;
		close(semfd);
		close(semro);
		semfd = fd;
		semro = open(SEMPATH, O_RDONLY);
		return 0;
	}
	if (obj == 1) {
		close(shmfd);
		shmfd = fd;
	} else {
		close(fd);
	}
	return 0;
}

/* Random mutations: valid ones are undone, the rest must change nothing. */
static void test_sd_random(void)
{
	static const int allowed[] = { EINVAL, EPERM, EACCES, E2BIG };
	unsigned char sd[4200];
	long iters = h_iterations(1000), i, bad = 0, applied = 0, locked = 0;
	uint64_t seed = h_seed_init();

	for (i = 0; i < iters; i++) {
		/* The files only: a locked root would outlive this program. */
		int obj = h_below(3), k, n;
		size_t len = sd0_len[obj];
		uint64_t state = h_rng;
		long r;
		int e;

		memcpy(sd, sd0[obj], len);
		n = 1 + h_below(4);
		for (k = 0; k < n; k++) {
			switch (h_below(6)) {
			case 0:		/* a random byte anywhere */
				sd[h_below(len)] = h_rand();
				break;
			case 1:		/* one of the header's offsets */
				put32(sd + 4 + 4 * h_below(4),
				      h_below(2) ? h_below(len + 8) : h_rand());
				break;
			case 2:		/* a bit of the control word */
				sd[2 + h_below(2)] ^= 1 << h_below(8);
				break;
			case 3:		/* a 16-bit size or count somewhere */
				if (len >= 2)
					put16(sd + (h_below(len - 1) & ~1u),
					      h_below(2) ? h_below(len + 8) :
					      h_rand());
				break;
			case 4:		/* shorter or longer */
				len = h_below(2) ? h_below(len) :
				      len + h_below(64);
				if (len > sizeof(sd))
					len = sizeof(sd);
				break;
			default:	/* a bit flip */
				sd[h_below(len ? len : 1)] ^= 1 << h_below(8);
				break;
			}
		}
		errno = 0;
		r = x_setxattr(objects[obj], SD_NAME, sd, len, 0);
		e = errno;
		h_cases++;
		h_random_cases++;
		if (r == 0) {
			/* Still a valid SD: put the original back. */
			applied++;
			if (restore_sd(obj)) {
				locked++;
				if (recreate(obj))
					printf("# random %ld: recreating %s: %s\n",
					       i, objects[obj], h_errname(errno));
			}
			if (!h_unchanged("restore")) {
				bad++;
				printf("# random %ld: restoring %s failed\n", i,
				       objects[obj]);
			}
			continue;
		}
		if (!h_in(e, allowed, 4) || !h_unchanged("a random SD")) {
			bad++;
			printf("# random %ld (rng state %#llx) %s: %s\n", i,
			       (unsigned long long)state, objects[obj],
			       h_errname(e));
		}
		if (bad > 20)
			break;
	}
	CHECK(!bad, "random SDs: %ld writes (seed %llu, %ld still valid and "
	      "undone, %ld of them by recreating the file), each refused with "
	      "an allowed errno, nothing changed", i, (unsigned long long)seed,
	      applied, locked);
}

/* --- semaphore ioctls ---------------------------------------------------------- */

static void test_sem(void)
{
	struct peios_sem_wait w;
	__u32 value;
	int i, fd;
	static const unsigned long unknown[] = {
		_IO(PEIOS_SEM_IOC_MAGIC, 0), _IO(PEIOS_SEM_IOC_MAGIC, 6),
		_IO(PEIOS_SEM_IOC_MAGIC, 0xff), _IO(PEIOS_SEM_IOC_MAGIC, 3),
		_IOW(PEIOS_SEM_IOC_MAGIC, 3, __u64), _IOR(PEIOS_SEM_IOC_MAGIC, 5, __u64),
		_IOW(PEIOS_SEM_IOC_MAGIC, 1, int), _IO(0xE8, 1), 0, 0xffffffff,
	};

	for (i = 0; i < 10; i++)
		HCASE(ENOTTY, ioctl(semfd, unknown[i], &w),
		      "sem ioctl %#lx", unknown[i]);
	for (i = 0; i < H_BADPTR_COUNT; i++) {
		HCASE(EFAULT, ioctl(semfd, PEIOS_SEM_IOC_WAIT, h_badptr(i)),
		      "sem WAIT argument %s", h_badptr_name(i));
		HCASE(EFAULT, ioctl(semfd, PEIOS_SEM_IOC_GETVALUE, h_badptr(i)),
		      "sem GETVALUE into %s", h_badptr_name(i));
	}
	HCASE(EFAULT, ioctl(semfd, PEIOS_SEM_IOC_WAIT, h_edge(sizeof(w) - 4)),
	      "sem WAIT argument straddling PROT_NONE");
	HCASE(EFAULT, ioctl(semfd, PEIOS_SEM_IOC_GETVALUE, h_edge(2)),
	      "sem GETVALUE into 2 bytes before PROT_NONE");
	{
		const struct peios_sem_wait bad[] = {
			{ .flags = 4 }, { .flags = 0x80000000 }, { .flags = ~0u },
			{ .flags = PEIOS_SEM_WAIT_RETRY },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .clockid = 2 },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .clockid = -1 },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .clockid = 1000 },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .tv_nsec = -1 },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .tv_nsec = 1000000000 },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .tv_sec = -1 },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .tv_sec = INT64_MIN },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT, .tv_nsec = INT64_MAX },
			{ .flags = PEIOS_SEM_WAIT_TIMEOUT | PEIOS_SEM_WAIT_RETRY,
			  .tv_sec = 1 },
		};

		for (i = 0; i < 13; i++)
			HCASE(EINVAL, ioctl(semfd, PEIOS_SEM_IOC_WAIT, &bad[i]),
			      "sem WAIT flags %#x clock %d {%lld, %lld}",
			      bad[i].flags, bad[i].clockid,
			      (long long)bad[i].tv_sec, (long long)bad[i].tv_nsec);
	}
	HCASE(EINVAL, ioctl(semfd, PEIOS_SEM_IOC_UNWAIT),
	      "sem UNWAIT without a registration");
	/* The value is 0: TRYWAIT fails, an expired WAIT uncounts itself. */
	HCASE(EAGAIN, ioctl(semfd, PEIOS_SEM_IOC_TRYWAIT), "sem TRYWAIT at 0");
	memset(&w, 0, sizeof(w));
	w.flags = PEIOS_SEM_WAIT_TIMEOUT;
	w.tv_sec = 1;
	HCASE(ETIMEDOUT, ioctl(semfd, PEIOS_SEM_IOC_WAIT, &w),
	      "sem WAIT at 0 with a deadline in 1970");
	w.clockid = CLOCK_MONOTONIC;
	w.tv_sec = 0;
	HCASE(ETIMEDOUT, ioctl(semfd, PEIOS_SEM_IOC_WAIT, &w),
	      "sem WAIT at 0, CLOCK_MONOTONIC deadline 0");
	HCASE(EACCES, ioctl(semro, PEIOS_SEM_IOC_POST),
	      "sem POST on a read-only descriptor");
	HCASE(EACCES, ioctl(semro, PEIOS_SEM_IOC_TRYWAIT),
	      "sem TRYWAIT on a read-only descriptor");
	HCASE(ENOTTY, ioctl(shmfd, PEIOS_SEM_IOC_POST),
	      "sem POST on a shared memory object");
	HCASE(ENOTTY, ioctl(shmfd, PEIOS_SEM_IOC_GETVALUE, &value),
	      "sem GETVALUE on a shared memory object");
	fd = open("/dev/shm", O_RDONLY | O_DIRECTORY);
	HCASE(ENOTTY, ioctl(fd, PEIOS_SEM_IOC_POST), "sem POST on /dev/shm");
	close(fd);
	/* Files named sem.* that are no glibc sem_t. */
	{
		static const struct { size_t size; __u64 data; __s32 priv;
				      const char *what; } shapes[] = {
			{ 0, 0, 0, "an empty file" },
			{ 16, 1, PEIOS_SEM_SHARED, "16 bytes" },
			{ 33, 1, PEIOS_SEM_SHARED, "33 bytes" },
			{ 4096, 1, PEIOS_SEM_SHARED, "a page" },
			{ 32, 1, 0, "private 0" },
			{ 32, 1, -1, "private -1" },
			{ 32, 0x80000000ull, PEIOS_SEM_SHARED, "value 2^31" },
			{ 32, 0xffffffffull, PEIOS_SEM_SHARED, "value 2^32-1" },
		};

		for (i = 0; i < 8; i++) {
			unsigned char word[32] = { 0 }, after[32];

			fd = open(BADSEM, O_CREAT | O_TRUNC | O_RDWR, 0600);
			memcpy(word, &shapes[i].data, 8);
			memcpy(word + 8, &shapes[i].priv, 4);
			if (fd < 0 || ftruncate(fd, shapes[i].size) ||
			    (shapes[i].size >= 32 &&
			     pwrite(fd, word, 32, 0) != 32)) {
				CHECK(0, "bad semaphore setup: %s",
				      h_errname(errno));
				continue;
			}
			HCASE(EINVAL, ioctl(fd, PEIOS_SEM_IOC_POST),
			      "sem POST on %s", shapes[i].what);
			HCASE(EINVAL, ioctl(fd, PEIOS_SEM_IOC_TRYWAIT),
			      "sem TRYWAIT on %s", shapes[i].what);
			HCASE(EINVAL, ioctl(fd, PEIOS_SEM_IOC_GETVALUE, &value),
			      "sem GETVALUE on %s", shapes[i].what);
			memset(&w, 0, sizeof(w));
			HCASE(EINVAL, ioctl(fd, PEIOS_SEM_IOC_WAIT, &w),
			      "sem WAIT on %s", shapes[i].what);
			CHECK(shapes[i].size < 32 ||
			      (pread(fd, after, 32, 0) == 32 &&
			       !memcmp(word, after, 32)),
			      "and the word of %s is untouched", shapes[i].what);
			close(fd);
		}
		unlink(BADSEM);
	}
	/* At the maximum, POST overflows and changes nothing. */
	{
		__u64 max = PEIOS_SEM_VALUE_MAX, zero = 0;

		fd = open(SEMPATH, O_RDWR);
		pwrite(fd, &max, 8, 0);
		h_baseline();
		HCASE(EOVERFLOW, ioctl(fd, PEIOS_SEM_IOC_POST),
		      "sem POST at SEM_VALUE_MAX");
		pwrite(fd, &zero, 8, 0);
		close(fd);
		h_baseline();
	}
}

/* --- securityfs -------------------------------------------------------------- */

static long table_write(const char *file, const void *text, size_t len,
			off_t off)
{
	char path[128];
	long r;
	int fd, e;

	snprintf(path, sizeof(path), SECFS "%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	r = off ? pwrite(fd, text, len, off) : write(fd, text, len);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

static void table_case(const char *file, int want, const char *text,
		       size_t len)
{
	char shown[64];
	size_t i;

	for (i = 0; i < len && i < 40; i++)
		shown[i] = text[i] == '\n' ? '|' : text[i] ? text[i] : '@';
	shown[i] = 0;
	HCASE(want, table_write(file, text, len, 0), "%s \"%s%s\" (%zu bytes)",
	      file, shown, len > 40 ? "..." : "", len);
}

#define TCASE(file, want, lit) table_case(file, want, lit, sizeof(lit) - 1)

static void test_securityfs(void)
{
	static char big[70000];
	char buf[256];
	int fd, i;

	/* Something in each table, so reads have bytes to fault on. */
	if (table_write("identity_map", "uid 4242 S-1-5-21-9-9-9-4242\n", 29, 0)
	    != 29 || table_write("trust_table", "protected:app /tests/bin/run_as\n",
				 32, 0) != 32)
		printf("# securityfs setup: %s\n", h_errname(errno));
	h_baseline();

	TCASE("identity_map", EINVAL, "uid abc S-1-5-21-1-2-3-4");
	TCASE("identity_map", EINVAL, "uid -1 S-1-5-21-1-2-3-4");
	TCASE("identity_map", EINVAL, "uid 4294967295 S-1-5-21-1-2-3-4");
	TCASE("identity_map", EINVAL, "uid 4294967296 S-1-5-21-1-2-3-4");
	TCASE("identity_map", EINVAL, "uid 99999999999999999999999 S-1-5-21-1");
	TCASE("identity_map", EINVAL, "uid 0x10 S-1-5-21-1-2-3-4");
	TCASE("identity_map", EINVAL, "uid 5");
	TCASE("identity_map", EINVAL, "uid");
	TCASE("identity_map", EINVAL, "gid 5 S-1-5-21-1 il=high");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21-1 il=bogus");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21-1 il=4294967296");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21-1 il=high extra");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21-1 garbage");
	TCASE("identity_map", EINVAL, "uid 5 S-1");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-");
	TCASE("identity_map", EINVAL, "uid 5 S-2-5-21-1");
	TCASE("identity_map", EINVAL, "uid 5 S-1-281474976710656-1");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21-4294967296");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16");
	TCASE("identity_map", EINVAL, "uid 5 X-1-5-21-1");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21-1x");
	TCASE("identity_map", EINVAL, "uid 5 S--1-5");
	TCASE("identity_map", EINVAL, "uid 5 S-1-5-21--1");
	TCASE("identity_map", EINVAL, "uid 6 S-1-5-21-9-9-9-4242");	/* taken */
	TCASE("identity_map", EINVAL, "frob 1 S-1-5-21-1");
	TCASE("identity_map", EINVAL, "clear now");
	TCASE("identity_map", EINVAL, "del uid");
	TCASE("identity_map", EINVAL, "del pid 4242");
	TCASE("identity_map", EINVAL, "del uid 4242 extra");
	TCASE("identity_map", ENOENT, "del uid 4243");
	TCASE("identity_map", ENOENT, "del gid 4242");
	/* Whole or nothing: a good line before a bad one is not applied. */
	TCASE("identity_map", EINVAL, "uid 7 S-1-5-21-1-2-3-7\nuid bad S-1-5-21-1");
	TCASE("identity_map", EINVAL, "del uid 4242\nuid 8 S-1");
	TCASE("identity_map", EINVAL, "clear\nbogus");
	/* A NUL ends nothing: the bytes after it are part of the write. */
	TCASE("identity_map", EINVAL, "uid 9 S-1-5-21-1-2-3-9\0uid bad");
	TCASE("identity_map", EINVAL, "del uid 4242\0");
	TCASE("identity_map", EINVAL, "\0clear");

	TCASE("trust_table", EINVAL, "bogus:app /tests/bin/run_as");
	TCASE("trust_table", EINVAL, "protected:bogus /tests/bin/run_as");
	TCASE("trust_table", EINVAL, "protected /tests/bin/run_as");
	TCASE("trust_table", EINVAL, "protected:app");
	TCASE("trust_table", EINVAL, "protected:app relative/path");
	TCASE("trust_table", EINVAL, "protected:app /tests/bin");
	TCASE("trust_table", EINVAL, "protected:app /dev/null");
	TCASE("trust_table", EINVAL, "4294967296:app /tests/bin/run_as");
	TCASE("trust_table", ENOENT, "protected:app /no/such/file");
	TCASE("trust_table", ENOENT, "del /no/such/file");
	TCASE("trust_table", ENOENT, "del /tests/bin/catfile");
	TCASE("trust_table", EINVAL, "del");
	TCASE("trust_table", EINVAL, "clear please");
	TCASE("trust_table", EINVAL, "del /tests/bin/run_as\nbogus:x /");
	TCASE("trust_table", EINVAL, "del /tests/bin/run_as\0");

	memset(big, 'u', sizeof(big));
	table_case("identity_map", EINVAL, big, 65536);
	table_case("identity_map", EINVAL, big, sizeof(big));
	table_case("trust_table", EINVAL, big, 65535);
	memcpy(big, "uid 10 S-1-5-21-", 16);
	for (i = 16; i < 60000; i += 2)
		memcpy(big + i, "1-", 2);
	table_case("identity_map", EINVAL, big, 60000);
	for (i = 0; i < H_BADPTR_COUNT; i++) {
		HCASE(EFAULT, table_write("identity_map", h_badptr(i), 20, 0),
		      "identity_map written from %s", h_badptr_name(i));
		HCASE(EFAULT, table_write("trust_table", h_badptr(i), 20, 0),
		      "trust_table written from %s", h_badptr_name(i));
	}
	memcpy(h_edge(10), "del uid 42", 10);
	HCASE(EFAULT, table_write("identity_map", h_edge(10), 20, 0),
	      "identity_map written from a buffer straddling PROT_NONE");
	HCASE(EINVAL, table_write("identity_map", "uid 11 S-1-5-21-1-11", 20, 1),
	      "identity_map written at offset 1");
	HCASE(EINVAL, table_write("trust_table", "clear", 5, 4096),
	      "trust_table written at offset 4096");
	/* Half a line now, the rest in a second write: two separate writes. */
	fd = open(SECFS "identity_map", O_WRONLY);
	HCASE(EINVAL, write(fd, "uid 12 S-1-5-", 13),
	      "identity_map: the first half of a line");
	HCASE(EINVAL, write(fd, "21-1-2-12\n", 10),
	      "identity_map: its second half, in a second write");
	close(fd);
	CHECK(table_write("identity_map", "", 0, 0) == 0 &&
	      h_unchanged("an empty write"), "an empty write changes nothing");
	h_cases++;

	fd = open(SECFS "whoami", O_RDWR);
	HCASE(EINVAL, write(fd, "x", 1), "whoami written");
	HCASE(EFAULT, syscall(__NR_read, fd, NULL, sizeof(buf)),
	      "whoami read into NULL");
	HCASE(EINVAL, lseek(fd, -1, SEEK_SET), "whoami lseek to -1");
	close(fd);
	fd = open(SECFS "identity_map", O_RDONLY);
	for (i = 0; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, pread(fd, h_badptr(i), sizeof(buf), 0),
		      "identity_map read into %s", h_badptr_name(i));
	HCASE(EINVAL, pread(fd, buf, sizeof(buf), -1),
	      "identity_map read at offset -1");
	CHECK(pread(fd, buf, sizeof(buf), 1 << 30) == 0,
	      "identity_map read far past the end is 0 bytes");
	close(fd);
	HCASE(EINVAL, table_write("identity_map", "uid 4242 S-1-5-21-9-9-9-4242",
				  28, -1), "identity_map written at offset -1");

	/* Tidy up what the set-up added. */
	table_write("identity_map", "del uid 4242\n", 13, 0);
	table_write("trust_table", "del /tests/bin/run_as\n", 22, 0);
	h_baseline();
}

/* As an unprivileged caller: no access to the tables, whoami readable. */
static int nonroot(int want_open)
{
	char buf[512];
	int fd;

	HCASE(want_open, open(SECFS "identity_map", O_WRONLY),
	      "uid %d opens identity_map for writing", getuid());
	HCASE(want_open, open(SECFS "identity_map", O_RDONLY),
	      "uid %d opens identity_map for reading", getuid());
	HCASE(want_open, open(SECFS "trust_table", O_RDWR),
	      "uid %d opens trust_table", getuid());
	fd = open(SECFS "whoami", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) > 0,
	      "uid %d reads whoami", getuid());
	close(fd);
	return tap_done();
}

/* With CAP_DAC_OVERRIDE but not CAP_SYS_ADMIN: EPERM on every write. */
static int dac_only(void)
{
	int fd = open(SECFS "identity_map", O_WRONLY);

	HCASE(EPERM, write(fd, "clear\n", 6),
	      "CAP_DAC_OVERRIDE alone cannot write identity_map");
	close(fd);
	fd = open(SECFS "trust_table", O_WRONLY);
	HCASE(EPERM, write(fd, "clear\n", 6),
	      "CAP_DAC_OVERRIDE alone cannot write trust_table");
	close(fd);
	return tap_done();
}

/* --- mount options ------------------------------------------------------------ */

static void test_mounts(void)
{
	static char huge[8192];
	static const char *const bad_sddl[] = {
		"sd=", "sd", "sd=garbage", "sd=O:", "sd=O:XXG:SYD:",
		"sd=O:S-1-99-G:SY", "sd=D:(A;;FA;;;WD", "sd=D:(A;;XYZ;;;WD)",
		"sd=D:(Q;;FA;;;WD)", "sd=D:(A;;FA;;;S-1-5-21-4294967296)",
		"sd=D:((((((((", "sd=O:SYO:SY", "sd=D:(A;;0x1FFFFFFFF;;;WD)",
		"frob=1", "size=1m", "nr_inodes=5", "sd=D:(A;;FA;;;WD),bogus",
		"sd=S:(ML;;NW;;;XX)",
	};
	int i;

	mkdir("/tmp/hostile_mnt", 0700);
	for (i = 0; i < 18; i++)
		HCASE(EINVAL, mount("none", "/tmp/hostile_mnt", "mqueue", 0,
				    bad_sddl[i]), "mount mqueue -o %s", bad_sddl[i]);
	memcpy(huge, "sd=D:", 5);
	for (i = 5; i + 12 < (int)sizeof(huge); i += 12)
		memcpy(huge + i, "(A;;FA;;;WD)", 12);
	huge[i] = 0;
	HCASE(EINVAL, mount("none", "/tmp/hostile_mnt", "mqueue", 0, huge),
	      "mount mqueue with an 8 KiB sd= (cut at a page)");
	HCASE(EFAULT, mount("none", "/tmp/hostile_mnt", "mqueue", 0, h_unmapped),
	      "mount mqueue with options in unmapped memory");
	{
		static const char *const shm_bad[] = {
			"sd=garbage", "sd=D:(A;;FA;;;WD", "nr_inodes=-1",
			"nr_inodes=1x", "nr_inodes=", "size=abc", "size=-1",
			"frob", "sd",
		};

		for (i = 0; i < 9; i++)
			HCASE(EINVAL, mount("none", "/tmp/hostile_mnt",
					    "peios_shm", 0, shm_bad[i]),
			      "mount peios_shm -o %s", shm_bad[i]);
		for (i = 0; i < 2; i++)
			HCASE(EINVAL, mount("none", "/dev/shm", "peios_shm",
					    MS_REMOUNT, shm_bad[i]),
			      "remount /dev/shm -o %s", shm_bad[i]);
		HCASE(EINVAL, mount("none", "/dev/shm", "peios_shm", MS_REMOUNT,
				    "size=1m"), "remount /dev/shm -o size=1m");
		HCASE(EINVAL, mount("none", "/dev/shm", "peios_shm", MS_REMOUNT,
				    "nr_inodes=1"),
		      "remount /dev/shm -o nr_inodes below what is in use");
	}
	rmdir("/tmp/hostile_mnt");
}

/* --- set-up -------------------------------------------------------------------- */

static void setup(void)
{
	unsigned char word[PEIOS_SEM_SIZE];
	int i, fd;

	unlink(QPATH);
	unlink(SHMPATH);
	unlink(SEMPATH);
	unlink(BADSEM);
	fd = open(QPATH, O_CREAT | O_RDWR, 0640);
	if (fd >= 0)
		close(fd);
	shmfd = open(SHMPATH, O_CREAT | O_RDWR, 0640);
	/*
	 * The x86-64 glibc sem_t, written by hand: sem_open of a 32-bit
	 * glibc makes its own layout, which the kernel path refuses.
	 */
	semfd = open(SEMPATH, O_CREAT | O_EXCL | O_RDWR, 0600);
	memset(word, 0, sizeof(word));
	word[8] = PEIOS_SEM_SHARED;
	if (semfd >= 0 && pwrite(semfd, word, sizeof(word), 0) != sizeof(word))
		semfd = -1;
	semro = open(SEMPATH, O_RDONLY);
	if (fd < 0 || shmfd < 0 || semfd < 0 || semro < 0) {
		printf("# setup: %s\n", h_errname(errno));
		exit(2);
	}
	for (i = 0; i < NOBJ; i++) {
		sd0_len[i] = x_getxattr(objects[i], SD_NAME, sd0[i],
					sizeof(sd0[i]));
		if (sd0_len[i] < 20) {
			printf("# setup: getxattr %s: %s\n", objects[i],
			       h_errname(errno));
			exit(2);
		}
	}
	h_snapshot = snapshot;
	h_baseline();
}

int main(int argc, char **argv)
{
	int i;

	h_setup_pointers();
	if (argc > 2 && !strcmp(argv[1], "nonroot"))
		return nonroot(atoi(argv[2]));
	if (argc > 1 && !strcmp(argv[1], "dac_only"))
		return dac_only();
	setup();
	/* The 32-bit build adds only the compat ioctl path. */
	if (argc > 1 && !strcmp(argv[1], "sem")) {
		test_sem();
		goto out;
	}
	for (i = 0; i < NOBJ; i++) {
		test_sd_header(i);
		test_sd_acl(i);
		test_sd_pointers(i);
	}
	test_sd_random();
	test_sem();
	test_securityfs();
	test_mounts();
out:
	CHECK(h_unchanged("the whole run"), "everything is as it was set up");
	unlink(QPATH);
	unlink(SHMPATH);
	unlink(SEMPATH);
	h_print_counts("hostile_obj");
	return tap_done();
}
