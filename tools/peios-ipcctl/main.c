// SPDX-License-Identifier: GPL-2.0
/*
 * peios-ipcctl: the administrator's command for peios_ipc.ko.  Loads and
 * unloads the module and its two filesystems, reports their state, and
 * edits the identity map and the trust table through the module's
 * securityfs files (/sys/kernel/security/peios_ipc/).  Map lines are
 * written with the security core's grammar (security/idmap.c), the one
 * the kernel parses them with; trust lines are identity/trust_table.c's.
 *
 * The module is inserted with finit_module(2), not libkmod: the tools are
 * static binaries for a busybox initramfs and Debian ships no static
 * libkmod.  Loading one file by path needs nothing libkmod adds (no
 * dependency resolution, no aliases, no modprobe.d).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../peios-sd/names.h"

#define MODULE_NAME	"peios_ipc"
#define DEFAULT_MODULE	"/peios/peios_ipc.ko"
#define SECFS_DIR	"/sys/kernel/security/peios_ipc"
#define IDMAP_FILE	SECFS_DIR "/identity_map"
#define TRUST_FILE	SECFS_DIR "/trust_table"
#define WHOAMI_FILE	SECFS_DIR "/whoami"
#define MQ_DIR		"/dev/mqueue"
#define SHM_DIR		"/dev/shm"

#define EXIT_OK		0
#define EXIT_FAILED	1
#define EXIT_USAGE	2
#define EXIT_NOT_LOADED	3	/* status: LSB "program is not running" */

static const char usage_text[] =
"usage: peios-ipcctl COMMAND [ARGS...]\n"
"\n"
"  load [--no-mount] [--over-shm] [-m MODULE.ko | MODULE.ko] [PARAM=VALUE...]\n"
"        insert the module (default " DEFAULT_MODULE ") and mount\n"
"        mqueue on " MQ_DIR " and peios_shm on " SHM_DIR ", over\n"
"        the kernel's own mounts there (--over-shm: even over files)\n"
"  unload                     unmount both filesystem types, remove the module\n"
"  status                     module, refcount, mounts, object counts\n"
"  map uid N SID [il=LEVEL]   map a uid to a SID (and integrity level)\n"
"  map gid N SID              map a gid to a SID\n"
"  unmap uid|gid N            remove a mapping\n"
"  trust PATH TYPE:LEVEL      give an executable a PIP type and trust level\n"
"  untrust PATH               remove it from the trust table\n"
"  clear [map|trust]          empty one table, or both\n"
"  show                       print both tables and the caller's token\n"
"\n"
"SID: S-1-..., an SDDL alias (BA, SY, ...) or a well-known name.\n"
"LEVEL: untrusted, low, medium, high, system or a number.\n"
"TYPE:LEVEL: none|protected|isolated : none|authenticode|antimalware|\n"
"app|peios|peiostcb, or numbers.  See peios-ipcctl(8).\n"
"Exit status: 0 success, 1 failure, 2 usage error (status: 3 when the\n"
"module is not loaded).\n";

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "peios-ipcctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'peios-ipcctl --help'.\n");
	return EXIT_USAGE;
}

/* "peios-ipcctl: WHAT: Invalid argument (EINVAL)[; HINT]" */
static int failed(const char *what, int err, const char *hint)
{
	const char *name = strerrorname_np(err);

	fprintf(stderr, "peios-ipcctl: %s: %s (%s)%s%s\n", what, strerror(err),
		name ? name : "?", hint ? "; " : "", hint ? hint : "");
	return EXIT_FAILED;
}

static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

/* ---- mounts --------------------------------------------------------- */

struct mount_entry {
	char point[PATH_MAX];
	char type[64];
};

/* /proc/self/mountinfo escapes space, tab, newline and \ as \ooo. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Mounts of our two types, in mount order; returns the count or -errno. */
static int our_mounts(struct mount_entry *out, int max)
{
	char line[2 * PATH_MAX], point[PATH_MAX], type[64];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	int n = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *sep = strstr(line, " - ");

		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", point) != 1 ||
		    sscanf(sep + 3, "%63s", type) != 1)
			continue;
		if (strcmp(type, "mqueue") && strcmp(type, "peios_shm"))
			continue;
		if (n < max) {
			unescape(point);
			snprintf(out[n].point, sizeof(out[n].point), "%s", point);
			snprintf(out[n].type, sizeof(out[n].type), "%s", type);
		}
		n++;
	}
	fclose(f);
	return n < max ? n : max;
}

static bool mounted_at(const char *dir, const char *type)
{
	struct mount_entry m[64];
	int i, n = our_mounts(m, 64);

	for (i = 0; i < n; i++)
		if (!strcmp(m[i].point, dir) && !strcmp(m[i].type, type))
			return true;
	return false;
}

/*
 * Whether the filesystem on top at @dir is the module's.  The kernel's own
 * mqueue (CONFIG_POSIX_MQUEUE=y) has the same type name but no
 * system.peios.sd: reading it fails with EOPNOTSUPP or ENODATA there, and
 * succeeds (or is denied) on ours.
 */
static bool ours_at(const char *dir)
{
	if (getxattr(dir, "system.peios.sd", NULL, 0) >= 0)
		return true;
	return errno != EOPNOTSUPP && errno != ENODATA && errno != ENOENT;
}

/* Entries in @dir other than . and ..; -errno when it cannot be read. */
static int count_entries(const char *dir, const char *prefix);

static int mount_fs(const char *type, const char *dir, bool over_files)
{
	int n;

	if (mounted_at(dir, type) && ours_at(dir)) {
		printf("%s already mounted on %s\n", type, dir);
		return 0;
	}
	if (mkdir(dir, 0755) && errno != EEXIST)
		return failed(dir, errno, NULL);
	/*
	 * Mounting on top hides what is there until our mount goes.  For
	 * the kernel's mqueue that is what we want (its queues are out of
	 * reach of mq_open while the module is loaded anyway, and come back
	 * after unload).  Files in a tmpfs /dev/shm are objects that running
	 * programs may still open by name: covering them would split those
	 * programs from new ones, so that takes --over-shm.
	 */
	n = count_entries(dir, NULL);
	if (n > 0 && !over_files && strcmp(type, "mqueue"))
		return failed(dir, ENOTEMPTY,
			      "holds files that new opens would no longer find; "
			      "stop their users, or load --over-shm");
	if (mount(type, dir, type, MS_NOSUID | MS_NODEV, NULL))
		return failed(dir, errno, errno == ENODEV ?
			      "the module does not provide this filesystem" :
			      NULL);
	printf("mounted %s on %s%s\n", type, dir,
	       n > 0 ? " (over what was there; it returns on unload)" : "");
	return 0;
}

/* ---- load / unload ------------------------------------------------- */

/* Listed in /proc/modules and not on its way out. */
static bool module_loaded(void)
{
	char line[256];
	bool found = false;
	FILE *f = fopen("/proc/modules", "re");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, MODULE_NAME " ", strlen(MODULE_NAME) + 1) &&
			!strstr(line, " Unloading ");
	fclose(f);
	return found;
}

static int insert_module(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return failed(path, errno, NULL);
	if (syscall(SYS_finit_module, fd, params, 0)) {
		err = errno;
		close(fd);
		if (err == EEXIST && module_loaded()) {
			printf("%s is already loaded\n", MODULE_NAME);
			return 0;
		}
		return failed(path, err, err == ENOEXEC ?
			      "not a module for this kernel" :
			      "the kernel log (dmesg) may say why");
	}
	close(fd);
	printf("loaded %s\n", path);
	return 0;
}

/* Module parameters are the remaining arguments joined by spaces. */
static char *join_params(int argc, char **argv)
{
	size_t len = 1;
	char *p;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	p = calloc(1, len);
	for (i = 0; p && i < argc; i++) {
		if (i)
			strcat(p, " ");
		strcat(p, argv[i]);
	}
	return p;
}

static int cmd_load(int argc, char **argv)
{
	const char *module = NULL;
	bool mount_them = true, over_shm = false;
	char *params;
	int i, ret;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--no-mount"))
			mount_them = false;
		else if (!strcmp(argv[i], "--over-shm"))
			over_shm = true;
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			module = argv[++i];
		else
			return usage_error("load: unknown option '%s'", argv[i]);
	}
	if (!module && i < argc && !strchr(argv[i], '='))
		module = argv[i++];
	if (!module)
		module = DEFAULT_MODULE;
	params = join_params(argc - i, argv + i);
	if (!params)
		return failed("load", ENOMEM, NULL);
	/*
	 * On an installed system modprobe (modules-load.d, the boot unit)
	 * has loaded the module already: load then only mounts.
	 */
	if (module_loaded()) {
		printf("%s is already loaded\n", MODULE_NAME);
		ret = 0;
	} else {
		ret = insert_module(module, params);
	}
	free(params);
	if (ret || !mount_them)
		return ret;
	ret = mount_fs("mqueue", MQ_DIR, false);
	if (!ret)
		ret = mount_fs("peios_shm", SHM_DIR, over_shm);
	return ret;
}

static int read_refcnt(void)
{
	FILE *f = fopen("/sys/module/" MODULE_NAME "/refcnt", "re");
	int n = -1;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

static int cmd_unload(int argc, char **argv)
{
	struct mount_entry m[64];
	int n, i, ret = 0;
	char hint[64];

	(void)argv;
	if (argc > 1)
		return usage_error("unload takes no arguments");
	n = our_mounts(m, 64);
	if (n < 0)
		return failed("/proc/self/mountinfo", -n, NULL);
	/*
	 * Newest first, so a mount on top of another comes off first; a
	 * mount of the kernel's own mqueue is left where it is.
	 */
	for (i = n - 1; i >= 0; i--) {
		if (!ours_at(m[i].point))
			continue;
		if (umount2(m[i].point, 0))
			ret = failed(m[i].point, errno, errno == EBUSY ?
				     "a process holds a file or cwd there" :
				     NULL);
		else
			printf("unmounted %s from %s\n", m[i].type, m[i].point);
	}
	if (!module_loaded()) {
		printf("%s is not loaded\n", MODULE_NAME);
		return ret;
	}
	if (syscall(SYS_delete_module, MODULE_NAME, O_NONBLOCK)) {
		int err = errno;

		snprintf(hint, sizeof(hint), "still in use (refcount %d)",
			 read_refcnt());
		return failed(MODULE_NAME, err, err == EWOULDBLOCK ||
			      err == EBUSY ? hint : NULL);
	}
	printf("removed %s\n", MODULE_NAME);
	return ret;
}

/* ---- status -------------------------------------------------------- */

/* Directory entries of @dir, those starting with @prefix if not NULL. */
static int count_entries(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!prefix || !strncmp(e->d_name, prefix, strlen(prefix)))
			n++;
	}
	closedir(d);
	return n;
}

static void print_count(const char *what, const char *dir,
			const char *type, const char *prefix)
{
	int n;

	if (!mounted_at(dir, type)) {
		printf("%-12s%s is not a %s mount\n", what, dir, type);
		return;
	}
	n = count_entries(dir, prefix);
	if (n < 0)
		printf("%-12s%s: %s\n", what, dir, strerror(-n));
	else
		printf("%-12s%d in %s\n", what, n, dir);
}

static int cmd_status(int argc, char **argv)
{
	struct mount_entry m[64];
	bool loaded = module_loaded();
	int n, i;

	(void)argv;
	if (argc > 1)
		return usage_error("status takes no arguments");
	if (loaded)
		printf("%-12sloaded (refcount %d)\n", "module:", read_refcnt());
	else
		printf("%-12snot loaded\n", "module:");
	n = our_mounts(m, 64);
	if (n <= 0)
		printf("%-12snone\n", "mounts:");
	for (i = 0; i < n; i++)
		printf("%-12s%s on %s\n", i ? "" : "mounts:", m[i].type,
		       m[i].point);
	print_count("queues:", MQ_DIR, "mqueue", NULL);
	print_count("semaphores:", SHM_DIR, "peios_shm", "sem.");
	return loaded ? EXIT_OK : EXIT_NOT_LOADED;
}

/* ---- the securityfs tables ----------------------------------------- */

static const char *table_hint(int err)
{
	switch (err) {
	case ENOENT:
		return "no such entry (or the path does not exist)";
	case EPERM:
	case EACCES:
		return "the tables need root (CAP_SYS_ADMIN)";
	case ENOSPC:
		return "the table is full";
	case EINVAL:
		return "the kernel rejected the line: bad id, SID, level or path, or the SID already stands for another id";
	}
	return NULL;
}

/* One write of @line to @file: the kernel applies it whole or not at all. */
static int write_table(const char *file, const char *line)
{
	size_t len = strlen(line);
	ssize_t n;
	int fd, err;

	fd = open(file, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		return failed(file, err, err == ENOENT ?
			      "is the module loaded and securityfs mounted?" :
			      table_hint(err));
	}
	n = write(fd, line, len);
	err = errno;
	close(fd);
	if (n < 0) {
		char what[PATH_MAX + 64];

		snprintf(what, sizeof(what), "%s: '%.*s'", file,
			 (int)(len && line[len - 1] == '\n' ? len - 1 : len),
			 line);
		return failed(what, err, table_hint(err));
	}
	return EXIT_OK;
}

/* One line of the identity map's text form (security/idmap.c). */
static int cmd_map(int argc, char **argv)
{
	struct peios_idmap_entry e = { 0 };
	char line[PEIOS_IDMAP_LINE_MAX];

	if (argc < 4 || argc > 5)
		return usage_error("usage: map uid N SID [il=LEVEL] | map gid N SID");
	if (peios_idmap_parse_kind(argv[1], &e.kind))
		return usage_error("map: '%s' is neither uid nor gid", argv[1]);
	if (peios_parse_u32(argv[2], &e.id) || e.id == (u32)-1)
		return usage_error("map: bad id '%s'", argv[2]);
	if (names_parse_sid(argv[3], NULL, &e.sid) ||
	    !strncmp(argv[3], "uid:", 4) || !strncmp(argv[3], "gid:", 4))
		return usage_error("map: bad SID '%s'", argv[3]);
	if (argc == 5) {
		const char *lvl = argv[4];

		if (e.kind != PEIOS_IDMAP_UID)
			return usage_error("map: only uids carry an integrity level");
		if (!strncmp(lvl, "il=", 3))
			lvl += 3;
		if (names_parse_integrity(lvl, &e.integrity))
			return usage_error("map: bad integrity level '%s'", argv[4]);
		e.has_integrity = true;
	}
	peios_idmap_format_entry(&e, line, sizeof(line));
	return write_table(IDMAP_FILE, line);
}

static int cmd_unmap(int argc, char **argv)
{
	enum peios_idmap_kind kind;
	char line[64];
	u32 id;

	if (argc != 3)
		return usage_error("usage: unmap uid|gid N");
	if (peios_idmap_parse_kind(argv[1], &kind))
		return usage_error("unmap: '%s' is neither uid nor gid", argv[1]);
	if (peios_parse_u32(argv[2], &id) || id == (u32)-1)
		return usage_error("unmap: bad id '%s'", argv[2]);
	snprintf(line, sizeof(line), "del %s %u\n",
		 peios_idmap_kind_name(kind), id);
	return write_table(IDMAP_FILE, line);
}

/* The kernel wants an absolute path; resolve a relative one here. */
static int absolute(const char *path, char *out, size_t size)
{
	char cwd[PATH_MAX];
	int n;

	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		n = snprintf(out, size, "%s", path);
	else
		n = snprintf(out, size, "%s/%s", cwd, path);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int cmd_trust(int argc, char **argv)
{
	char path[PATH_MAX], line[PATH_MAX + 64];
	u32 type, trust;

	if (argc != 3)
		return usage_error("usage: trust PATH TYPE:LEVEL");
	if (peios_pip_parse(argv[2], &type, &trust))
		return usage_error("trust: bad TYPE:LEVEL '%s'", argv[2]);
	if (strchr(argv[1], '\n'))
		return usage_error("trust: a path may not hold a newline");
	if (absolute(argv[1], path, sizeof(path)))
		return failed(argv[1], ENAMETOOLONG, NULL);
	snprintf(line, sizeof(line), "%u:%u %s\n", type, trust, path);
	return write_table(TRUST_FILE, line);
}

static int cmd_untrust(int argc, char **argv)
{
	char path[PATH_MAX], line[PATH_MAX + 8];

	if (argc != 2)
		return usage_error("usage: untrust PATH");
	if (strchr(argv[1], '\n'))
		return usage_error("untrust: a path may not hold a newline");
	if (absolute(argv[1], path, sizeof(path)))
		return failed(argv[1], ENAMETOOLONG, NULL);
	snprintf(line, sizeof(line), "del %s\n", path);
	return write_table(TRUST_FILE, line);
}

static int cmd_clear(int argc, char **argv)
{
	bool map = argc < 2 || !strcmp(argv[1], "map");
	bool trust = argc < 2 || !strcmp(argv[1], "trust");
	int ret = EXIT_OK;

	if (argc > 2 || (!map && !trust))
		return usage_error("usage: clear [map|trust]");
	if (map)
		ret = write_table(IDMAP_FILE, "clear\n");
	if (!ret && trust)
		ret = write_table(TRUST_FILE, "clear\n");
	return ret;
}

/* Print @file indented under @title; "(empty)" for an empty table. */
static int print_file(const char *title, const char *file)
{
	char buf[4096];
	bool empty = true, bol = true;
	ssize_t n, i;
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	printf("%s:\n", title);
	if (fd < 0) {
		printf("  (%s)\n", strerror(errno));
		return EXIT_FAILED;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			if (bol)
				fputs("  ", stdout);
			putchar(buf[i]);
			bol = buf[i] == '\n';
		}
		empty = false;
	}
	close(fd);
	if (!bol)
		putchar('\n');
	if (empty)
		printf("  (empty)\n");
	return n < 0 ? EXIT_FAILED : EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
	int ret;

	(void)argv;
	if (argc > 1)
		return usage_error("show takes no arguments");
	ret = print_file("identity map", IDMAP_FILE);
	ret |= print_file("trust table", TRUST_FILE);
	ret |= print_file("whoami", WHOAMI_FILE);
	return ret ? EXIT_FAILED : EXIT_OK;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "load", cmd_load }, { "unload", cmd_unload },
	{ "status", cmd_status }, { "map", cmd_map }, { "unmap", cmd_unmap },
	{ "trust", cmd_trust }, { "untrust", cmd_untrust },
	{ "clear", cmd_clear }, { "show", cmd_show },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage_error("no command given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help") || wants_help(argc, argv)) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("peios-ipcctl %s\n", PEIOS_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", argv[1]);
}
