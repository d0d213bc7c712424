// SPDX-License-Identifier: GPL-2.0
/*
 * hostile_mq: bad, boundary and random arguments to the six mq_* syscalls
 * (raw syscall(2), so no libc wrapper filters anything), to read, write,
 * lseek, poll and ioctl on queue descriptors and to the
 * /proc/sys/fs/mqueue sysctls.  Every case expects Linux's exact errno
 * and checks afterwards that nothing changed: the queues' attributes,
 * status lines and descriptors' flags, the /dev/mqueue listing and the
 * sysctl values (snapshot()), and at the end of each part the messages
 * themselves.
 *
 * It runs unchanged on the module and on the reference kernel (Linux's
 * own mqueue), which proves the expectations.  Built twice: native x86-64
 * and -m32 (hostile_mq32), which drives the ia32 entry points, both the
 * time32 and the time64 timedsend/timedreceive.
 *
 * Run as root without CAP_SYS_RESOURCE (the namespace limits apply) with
 * /dev/mqueue mounted.  HOSTILE_SEED replays the random part,
 * HOSTILE_ITERS sets its length.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <peios/sem.h>
#include "../lib/hostile.h"

#define QNAME	"hostile_q"	/* 4 x 16 bytes, two messages */
#define FNAME	"hostile_full"	/* 1 x 16 bytes, full, notification set */
#define ENAME	"hostile_empty"	/* 2 x 16 bytes, empty */
#define NONAME	"hostile_none"	/* never exists */
#define MSGSIZE	16

/* --- raw syscalls, one timespec flavour per entry point ------------------ */

struct ts_variant {
	const char *name;
	long nr_send, nr_recv;
	int ts64;		/* struct {s64, s64}; else {s32, s32} */
};

static const struct ts_variant variants[] = {
#ifdef __i386__
	{ "time32", __NR_mq_timedsend, __NR_mq_timedreceive, 0 },
	{ "time64", __NR_mq_timedsend_time64, __NR_mq_timedreceive_time64, 1 },
#else
	{ "x86-64", __NR_mq_timedsend, __NR_mq_timedreceive, 1 },
#endif
};
#define NVARIANTS ((int)(sizeof(variants) / sizeof(variants[0])))

struct kts64 { int64_t sec, nsec; };
struct kts32 { int32_t sec, nsec; };
static union { struct kts64 t64; struct kts32 t32; } tsbuf;

static void *mkts(const struct ts_variant *v, int64_t sec, int64_t nsec)
{
	if (v->ts64) {
		tsbuf.t64.sec = sec;
		tsbuf.t64.nsec = nsec;
	} else {
		tsbuf.t32.sec = (int32_t)sec;
		tsbuf.t32.nsec = (int32_t)nsec;
	}
	return &tsbuf;
}

/* A timespec ending at the guard page, so its last bytes fault. */
static void *ts_straddle(const struct ts_variant *v)
{
	return h_edge((v->ts64 ? sizeof(struct kts64) :
		       sizeof(struct kts32)) - 4);
}

static long x_open(const void *name, long oflag, long mode, const void *attr)
{
	return syscall(__NR_mq_open, name, oflag, mode, attr);
}

static long x_unlink(const void *name)
{
	return syscall(__NR_mq_unlink, name);
}

static long x_send(const struct ts_variant *v, long fd, const void *buf,
		   size_t len, unsigned long prio, const void *ts)
{
	return syscall(v->nr_send, fd, buf, len, prio, ts);
}

static long x_recv(const struct ts_variant *v, long fd, void *buf, size_t len,
		   void *prio, const void *ts)
{
	return syscall(v->nr_recv, fd, buf, len, prio, ts);
}

static long x_notify(long fd, const void *ev)
{
	return syscall(__NR_mq_notify, fd, ev);
}

static long x_getsetattr(long fd, const void *new, void *old)
{
	return syscall(__NR_mq_getsetattr, fd, new, old);
}

/* --- the objects and the snapshot ------------------------------------------ */

static int qrw, qro, qwo, qblk;		/* QNAME */
static int frw, fblk;			/* FNAME */
static int erw, eblk;			/* ENAME */
static int pipefd[2], devnull, usock, nlsock, mqdir, qpath, closedfd;
static int on_module;

static const char *const sysctls[] = {
	"queues_max", "msg_max", "msgsize_max", "msg_default",
	"msgsize_default",
};
#define NSYSCTLS 5

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t add(char *buf, size_t size, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (n >= size)
		return n;
	va_start(ap, fmt);
	r = vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
	return r > 0 ? n + r : n;
}

static size_t snap_file(char *buf, size_t size, size_t n, const char *path)
{
	char text[256];
	ssize_t len;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return add(buf, size, n, "[%s: %s] ", path, h_errname(errno));
	len = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[len > 0 ? len : 0] = 0;
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = 0;
	return add(buf, size, n, "[%s] ", text);
}

/*
 * The status line is read through the descriptor we hold: opening and
 * closing the file would drop our own notification (Linux's flush rule).
 */
static size_t snap_queue(char *buf, size_t size, size_t n, const char *name,
			 int fd)
{
	struct mq_attr a;
	char text[128];
	ssize_t len;

	memset(&a, 0, sizeof(a));
	if (x_getsetattr(fd, NULL, &a))
		n = add(buf, size, n, "%s: getattr %s ", name,
			h_errname(errno));
	else
		n = add(buf, size, n, "%s: %ld/%ld/%ld/%ld ", name,
			(long)a.mq_flags, (long)a.mq_maxmsg,
			(long)a.mq_msgsize, (long)a.mq_curmsgs);
	len = pread(fd, text, sizeof(text) - 1, 0);
	text[len > 0 ? len : 0] = 0;
	return add(buf, size, n, "[%s] ", text);
}

static void snapshot(char *buf, size_t size)
{
	const int fds[] = { qrw, qro, qwo, qblk, frw, fblk, erw, eblk };
	char *names[64];
	struct dirent *de;
	size_t n = 0;
	int i, count = 0;
	DIR *d;

	n = snap_queue(buf, size, n, QNAME, qrw);
	n = snap_queue(buf, size, n, FNAME, frw);
	n = snap_queue(buf, size, n, ENAME, erw);
	n = add(buf, size, n, "flags");
	for (i = 0; i < (int)(sizeof(fds) / sizeof(fds[0])); i++)
		n = add(buf, size, n, " %x", fcntl(fds[i], F_GETFL));
	n = add(buf, size, n, " pos %ld; dir:", (long)lseek(qrw, 0, SEEK_CUR));
	d = opendir("/dev/mqueue");
	while (d && (de = readdir(d)) && count < 64)
		if (de->d_name[0] != '.')
			names[count++] = strdup(de->d_name);
	if (d)
		closedir(d);
	qsort(names, count, sizeof(names[0]), cmpstr);
	for (i = 0; i < count; i++) {
		n = add(buf, size, n, " %s", names[i]);
		free(names[i]);
	}
	n = add(buf, size, n, "; sysctl:");
	for (i = 0; i < NSYSCTLS; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s",
			 sysctls[i]);
		n = snap_file(buf, size, n, path);
	}
}

static int open_queue(const char *name, int oflag, long maxmsg)
{
	struct mq_attr a = { .mq_maxmsg = maxmsg, .mq_msgsize = MSGSIZE };
	long fd = x_open(name, oflag, 0600, &a);

	if (fd < 0) {
		printf("# setup: open %s: %s\n", name, h_errname(errno));
		exit(2);
	}
	return fd;
}

static void setup(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_NONE };
	struct sockaddr_nl { unsigned short f; unsigned short p;
			     unsigned int pid, groups; } nl = { .f = 16 };
	int s[2];

	x_unlink(QNAME);
	x_unlink(FNAME);
	x_unlink(ENAME);
	x_unlink(NONAME);
	qrw = open_queue(QNAME, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 4);
	qro = open_queue(QNAME, O_RDONLY | O_NONBLOCK, 0);
	qwo = open_queue(QNAME, O_WRONLY | O_NONBLOCK, 0);
	qblk = open_queue(QNAME, O_RDWR, 0);
	frw = open_queue(FNAME, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 1);
	fblk = open_queue(FNAME, O_RDWR, 0);
	erw = open_queue(ENAME, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 2);
	eblk = open_queue(ENAME, O_RDWR, 0);
	if (x_send(&variants[0], qrw, "alpha", 5, 3, NULL) ||
	    x_send(&variants[0], qrw, "beta", 4, 7, NULL) ||
	    x_send(&variants[0], frw, "full", 4, 1, NULL) ||
	    x_notify(frw, &ev)) {
		printf("# setup: %s\n", h_errname(errno));
		exit(2);
	}
	if (pipe(pipefd) || socketpair(AF_UNIX, SOCK_DGRAM, 0, s)) {
		perror("setup");
		exit(2);
	}
	usock = s[0];
	devnull = open("/dev/null", O_RDWR);
	mqdir = open("/dev/mqueue", O_RDONLY | O_DIRECTORY);
	qpath = open("/dev/mqueue/" QNAME, O_PATH);
	nlsock = socket(AF_NETLINK, SOCK_RAW, 0);
	if (nlsock >= 0 && bind(nlsock, (void *)&nl, sizeof(nl)))
		perror("setup: netlink bind");
	closedfd = dup(devnull);
	close(closedfd);
	on_module = access("/sys/module/peios_ipc", F_OK) == 0;
	/* A registration that wrongly succeeded must not kill the run. */
	signal(SIGUSR1, SIG_IGN);
	h_snapshot = snapshot;
	h_baseline();
}

/* Receive everything from @fd and put it back; check it is @want. */
static void check_messages(const char *part)
{
	static const struct { const char *text; unsigned int prio; } want[] = {
		{ "beta", 7 }, { "alpha", 3 },
	};
	char buf[MSGSIZE + 1];
	unsigned int prio;
	int i, good = 1;
	long n;

	for (i = 0; i < 2; i++) {
		n = x_recv(&variants[0], qrw, buf, MSGSIZE, &prio, NULL);
		buf[n > 0 ? n : 0] = 0;
		if (n < 0 || strcmp(buf, want[i].text) || prio != want[i].prio)
			good = 0;
	}
	n = x_recv(&variants[0], qrw, buf, MSGSIZE, &prio, NULL);
	if (n != -1 || errno != EAGAIN)
		good = 0;
	for (i = 1; i >= 0; i--)
		x_send(&variants[0], qrw, want[i].text, strlen(want[i].text),
		       want[i].prio, NULL);
	/*
	 * FNAME is not drained: refilling it would fire and so remove our
	 * notification.  Its count and size are in the snapshot.
	 */
	n = x_recv(&variants[0], erw, buf, MSGSIZE, &prio, NULL);
	if (n != -1 || errno != EAGAIN)
		good = 0;
	CHECK(good && h_unchanged("the message check"),
	      "%s: the queues still hold exactly their messages", part);
}

/* --- names ------------------------------------------------------------------- */

static void test_names(void)
{
	struct mq_attr a = { .mq_maxmsg = 1, .mq_msgsize = 8 };
	char longname[NAME_MAX + 2], slashlong[300], huge[5000];
	int i;

	for (i = 0; i < H_BADPTR_COUNT; i++) {
		HCASE(EFAULT, x_open(h_badptr(i), O_CREAT | O_RDWR, 0600, &a),
		      "mq_open name %s", h_badptr_name(i));
		HCASE(EFAULT, x_unlink(h_badptr(i)), "mq_unlink name %s",
		      h_badptr_name(i));
	}
	HCASE(EFAULT, x_open(h_unterminated(5, 'n'), O_CREAT | O_RDWR, 0600,
			     &a), "mq_open 5-byte name running into PROT_NONE");
	HCASE(EFAULT, x_unlink(h_unterminated(5, 'n')),
	      "mq_unlink 5-byte name running into PROT_NONE");
	HCASE(EFAULT, x_open(h_unterminated(300, 'n'), O_CREAT | O_RDWR, 0600,
			     &a), "mq_open 300-byte name running into PROT_NONE");
	HCASE(EFAULT, x_unlink(h_unterminated(300, 'n')),
	      "mq_unlink 300-byte name running into PROT_NONE");
	HCASE(ENOENT, x_open("", O_CREAT | O_RDWR, 0600, &a), "mq_open \"\"");
	HCASE(ENOENT, x_unlink(""), "mq_unlink \"\"");
	HCASE(ENOENT, x_open("", O_CREAT | O_ACCMODE, 0600, &a),
	      "mq_open \"\" O_RDWR|O_WRONLY");
	{
		static const char *const bad[] = {
			"/", "/" QNAME, "a/b", "x/", "//", ".", "..",
		};

		for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
			HCASE(EACCES, x_open(bad[i], O_CREAT | O_RDWR, 0600,
					     &a), "mq_open \"%s\"", bad[i]);
			HCASE(EACCES, x_open(bad[i], O_RDWR, 0, NULL),
			      "mq_open \"%s\" without O_CREAT", bad[i]);
			HCASE(EACCES, x_unlink(bad[i]), "mq_unlink \"%s\"",
			      bad[i]);
		}
	}
	memset(longname, 'l', NAME_MAX + 1);
	longname[NAME_MAX + 1] = 0;
	HCASE(ENAMETOOLONG, x_open(longname, O_CREAT | O_RDWR, 0600, &a),
	      "mq_open NAME_MAX+1 bytes");
	HCASE(ENAMETOOLONG, x_open(longname, O_RDWR, 0, NULL),
	      "mq_open NAME_MAX+1 bytes without O_CREAT");
	HCASE(ENAMETOOLONG, x_unlink(longname), "mq_unlink NAME_MAX+1 bytes");
	memset(slashlong, 's', sizeof(slashlong) - 1);
	slashlong[sizeof(slashlong) - 1] = 0;
	slashlong[10] = '/';
	HCASE(EACCES, x_open(slashlong, O_CREAT | O_RDWR, 0600, &a),
	      "mq_open 299 bytes with a '/'");
	HCASE(EACCES, x_unlink(slashlong), "mq_unlink 299 bytes with a '/'");
	memset(huge, 'h', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = 0;
	HCASE(ENAMETOOLONG, x_open(huge, O_CREAT | O_RDWR, 0600, &a),
	      "mq_open 4999 bytes");
	HCASE(ENAMETOOLONG, x_unlink(huge), "mq_unlink 4999 bytes");
	HCASE(ENAMETOOLONG, x_open(huge + 5000 - PATH_MAX, O_RDWR, 0, NULL),
	      "mq_open PATH_MAX-1 bytes");
	HCASE(ENOENT, x_unlink(NONAME), "mq_unlink a missing name");
	HCASE(ENOENT, x_open(NONAME, O_RDWR, 0, NULL),
	      "mq_open a missing name without O_CREAT");
	HCASE(ENOENT, x_open(NONAME, O_ACCMODE, 0, NULL),
	      "mq_open a missing name O_RDWR|O_WRONLY without O_CREAT");

	/* NAME_MAX exactly is fine: created, then gone again. */
	longname[NAME_MAX] = 0;
	{
		long fd = x_open(longname, O_CREAT | O_EXCL | O_RDWR, 0600, &a);

		CHECK(fd >= 0, "mq_open NAME_MAX bytes creates the queue");
		if (fd >= 0)
			close(fd);
		CHECK(x_unlink(longname) == 0 && h_unchanged("NAME_MAX"),
		      "and mq_unlink removes it");
	}
}

/* --- mq_open flags, modes and attributes ------------------------------------ */

static void test_open_args(void)
{
	struct mq_attr bad[] = {
		{ .mq_maxmsg = 0, .mq_msgsize = 8 },
		{ .mq_maxmsg = -1, .mq_msgsize = 8 },
		{ .mq_maxmsg = LONG_MIN, .mq_msgsize = 8 },
		{ .mq_maxmsg = 11, .mq_msgsize = 8 },	/* > msg_max 10 */
		{ .mq_maxmsg = LONG_MAX, .mq_msgsize = 8 },
		{ .mq_maxmsg = 1, .mq_msgsize = 0 },
		{ .mq_maxmsg = 1, .mq_msgsize = -1 },
		{ .mq_maxmsg = 1, .mq_msgsize = 8193 },	/* > msgsize_max */
		{ .mq_maxmsg = 1, .mq_msgsize = LONG_MAX },
		{ .mq_maxmsg = LONG_MAX, .mq_msgsize = LONG_MAX },
	};
	struct mq_attr good = { .mq_maxmsg = 1, .mq_msgsize = 8 };
	int i;
	long fd;

	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++)
		HCASE(EINVAL, x_open(NONAME, O_CREAT | O_RDWR, 0600, &bad[i]),
		      "mq_open O_CREAT maxmsg %ld msgsize %ld",
		      (long)bad[i].mq_maxmsg, (long)bad[i].mq_msgsize);
	for (i = 1; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_open(NONAME, O_CREAT | O_RDWR, 0600,
				     h_badptr(i)),
		      "mq_open O_CREAT attr %s", h_badptr_name(i));
	HCASE(EFAULT, x_open(NONAME, O_CREAT | O_RDWR, 0600,
			     h_edge(sizeof(struct mq_attr) - 8)),
	      "mq_open O_CREAT attr straddling PROT_NONE");
	/*
	 * Without O_CREAT the attr is not used, but the native entry copies
	 * it first and the compat one does not (Linux's order).
	 */
#ifdef __i386__
	fd = x_open(QNAME, O_RDWR, 0, (void *)1);
	CHECK(fd >= 0, "ia32 mq_open without O_CREAT ignores a bad attr pointer");
	if (fd >= 0)
		close(fd);
	HCASE(ENOENT, x_open(NONAME, O_RDWR, 0, (void *)1),
	      "ia32 mq_open missing name, bad attr without O_CREAT");
#else
	HCASE(EFAULT, x_open(QNAME, O_RDWR, 0, (void *)1),
	      "mq_open existing queue, bad attr pointer without O_CREAT");
	HCASE(EFAULT, x_open("a/b", O_RDWR, 0, (void *)1),
	      "mq_open: the attr is copied before the name is read");
#endif
	HCASE(EEXIST, x_open(QNAME, O_CREAT | O_EXCL | O_RDWR, 0600, &bad[0]),
	      "mq_open O_EXCL existing queue with bad attr values");
	HCASE(EEXIST, x_open(QNAME, O_CREAT | O_EXCL | O_ACCMODE, 0600, NULL),
	      "mq_open O_EXCL existing queue O_RDWR|O_WRONLY");
	HCASE(EINVAL, x_open(QNAME, O_ACCMODE, 0, NULL),
	      "mq_open existing queue O_RDWR|O_WRONLY");
	HCASE(EINVAL, x_open(QNAME, O_CREAT | O_ACCMODE, 0600, &good),
	      "mq_open O_CREAT existing queue O_RDWR|O_WRONLY");
	HCASE(EINVAL, x_open(QNAME, O_ACCMODE | O_NONBLOCK | O_TRUNC, 0, NULL),
	      "mq_open existing queue O_ACCMODE|O_NONBLOCK|O_TRUNC");

	/* Odd but harmless: bad attr values on an existing queue are unused. */
	fd = x_open(QNAME, O_CREAT | O_RDWR, 0600, &bad[0]);
	CHECK(fd >= 0 && h_unchanged("O_CREAT of an existing queue"),
	      "mq_open O_CREAT existing queue ignores bad attr values");
	if (fd >= 0)
		close(fd);
	/*
	 * Garbage in the mode: a regular queue with the permission bits
	 * (Linux also keeps setuid, setgid and sticky, which the module's
	 * descriptor-derived mode does not show).
	 */
	fd = x_open(NONAME, O_CREAT | O_EXCL | O_RDWR, 0177777, &good);
	{
		mode_t mask = umask(0);
		struct stat st;
		int ok;

		umask(mask);
		memset(&st, 0, sizeof(st));
		ok = fd >= 0 && !stat("/dev/mqueue/" NONAME, &st);
		CHECK(ok && S_ISREG(st.st_mode) &&
		      (st.st_mode & 0777) == (0777 & ~mask),
		      "mq_open mode 0177777 makes a regular queue, mode %o",
		      (unsigned int)st.st_mode);
	}
	if (fd >= 0)
		close(fd);
	x_unlink(NONAME);
	CHECK(h_unchanged("mode test"), "and it is gone after mq_unlink");
}

/* mq_open on a name that does not exist, O_RDWR|O_WRONLY|O_CREAT. */
static void test_open_accmode_create(void)
{
	struct mq_attr good = { .mq_maxmsg = 1, .mq_msgsize = 8 };
	long fd = x_open(NONAME, O_CREAT | O_ACCMODE, 0600, &good);
	int e = errno;

	/*
	 * Linux creates the queue and hands back a descriptor that can
	 * neither send nor receive.
	 */
	CHECK(fd >= 0, "mq_open O_CREAT|O_RDWR|O_WRONLY creates (got %s)",
	      fd >= 0 ? "a descriptor" : h_errname(e));
	h_baseline();
	if (fd >= 0) {
		char buf[8];

		HCASE(EBADF, x_send(&variants[0], fd, "x", 1, 0, NULL),
		      "and its descriptor cannot send");
		HCASE(EBADF, x_recv(&variants[0], fd, buf, 8, NULL, NULL),
		      "nor receive");
		close(fd);
	}
	x_unlink(NONAME);
	h_baseline();
}

/*
 * O_DIRECT fails the creator's own open (EINVAL from the VFS: a queue has
 * no direct I/O).  Linux has created the queue by then and leaves it; the
 * module removes it, so a failed mq_open changes nothing.
 */
static void test_open_direct_create(void)
{
	long r;
	int e;

	if (on_module) {
		HCASE(EINVAL, x_open(NONAME, O_CREAT | O_RDWR | O_DIRECT, 0600,
				     NULL),
		      "mq_open O_CREAT|O_DIRECT of a new name leaves no queue");
		return;
	}
	errno = 0;
	r = x_open(NONAME, O_CREAT | O_RDWR | O_DIRECT, 0600, NULL);
	e = errno;
	h_cases++;
	CHECK(r == -1 && e == EINVAL && x_unlink(NONAME) == 0,
	      "mq_open O_CREAT|O_DIRECT of a new name is EINVAL, and Linux "
	      "leaves the queue (got %ld, %s)", r, h_errname(e));
	h_baseline();
}

/* --- send and receive -------------------------------------------------------- */

static void test_send(const struct ts_variant *v)
{
	const char *vn = v->name;
	static const unsigned long bad_prio[] = { 32768, 32769, 0x7fffffff,
						  0xffffffff };
	int i;

	/* Descriptors that are not writable queues. */
	{
		const struct { int fd; const char *what; } fds[] = {
			{ -1, "-1" }, { closedfd, "a closed fd" },
			{ INT_MAX, "INT_MAX" }, { pipefd[1], "a pipe" },
			{ devnull, "/dev/null" }, { usock, "a socket" },
			{ mqdir, "the /dev/mqueue directory" },
			{ qpath, "an O_PATH fd of a queue" },
			{ qro, "a read-only queue fd" },
		};

		for (i = 0; i < (int)(sizeof(fds) / sizeof(fds[0])); i++)
			HCASE(EBADF, x_send(v, fds[i].fd, "x", 1, 0, NULL),
			      "%s send to %s", vn, fds[i].what);
	}
	for (i = 0; i < 4; i++) {
		HCASE(EINVAL, x_send(v, qrw, "x", 1, bad_prio[i], NULL),
		      "%s send prio %lu", vn, bad_prio[i]);
		HCASE(EINVAL, x_send(v, -1, "x", 1, bad_prio[i], NULL),
		      "%s send prio %lu is checked before the fd", vn,
		      bad_prio[i]);
	}
	HCASE(EMSGSIZE, x_send(v, qrw, "0123456789abcdefg", MSGSIZE + 1, 0,
			       NULL), "%s send msgsize+1", vn);
	HCASE(EMSGSIZE, x_send(v, qrw, "x", SIZE_MAX, 0, NULL),
	      "%s send SIZE_MAX bytes", vn);
	HCASE(EMSGSIZE, x_send(v, qrw, NULL, (size_t)1 << 31, 0, NULL),
	      "%s send 2^31 bytes from NULL", vn);
	HCASE(EBADF, x_send(v, qro, "x", SIZE_MAX, 0, NULL),
	      "%s send: read-only is checked before the size", vn);
	for (i = 0; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_send(v, qrw, h_badptr(i), 1, 0, NULL),
		      "%s send from %s", vn, h_badptr_name(i));
	HCASE(EFAULT, x_send(v, qrw, h_edge(4), 8, 0, NULL),
	      "%s send buffer straddling PROT_NONE", vn);
	HCASE(EFAULT, x_send(v, erw, h_unmapped, MSGSIZE, 0, NULL),
	      "%s send from unmapped memory to an empty queue", vn);
	HCASE(EAGAIN, x_send(v, frw, "x", 1, 0, NULL),
	      "%s send to a full non-blocking queue", vn);
	HCASE(ETIMEDOUT, x_send(v, fblk, "x", 1, 0, mkts(v, 1, 0)),
	      "%s send to a full queue, deadline in 1970", vn);
	HCASE(EAGAIN, x_send(v, frw, "x", 1, 0, mkts(v, 0, 0)),
	      "%s non-blocking full send ignores a valid timeout", vn);
	HCASE(EFAULT, x_send(v, frw, h_unmapped, MSGSIZE, 0, NULL),
	      "%s send: the message is copied before the queue is full", vn);

	/* Timeouts: malformed is EINVAL whatever else, even with room. */
	{
		const int64_t bad_ts[][2] = {
			{ 0, -1 }, { 0, 1000000000 }, { -1, 0 }, { 1, 1999999999 },
			{ INT32_MIN, 0 }, { 0, INT32_MIN }, { 0, INT32_MAX },
		};

		for (i = 0; i < 7; i++) {
			HCASE(EINVAL, x_send(v, qrw, "x", 1, 0,
					     mkts(v, bad_ts[i][0], bad_ts[i][1])),
			      "%s send to a queue with room, timeout {%lld, %lld}",
			      vn, (long long)bad_ts[i][0],
			      (long long)bad_ts[i][1]);
			HCASE(EINVAL, x_send(v, -1, "x", 1, 99999,
					     mkts(v, bad_ts[i][0], bad_ts[i][1])),
			      "%s send: timeout {%lld, %lld} checked first", vn,
			      (long long)bad_ts[i][0], (long long)bad_ts[i][1]);
		}
	}
	if (v->ts64) {
		HCASE(EINVAL, x_send(v, qrw, "x", 1, 0, mkts(v, 0, INT64_MAX)),
		      "%s send timeout nsec INT64_MAX", vn);
		HCASE(EINVAL, x_send(v, qrw, "x", 1, 0, mkts(v, INT64_MIN, 0)),
		      "%s send timeout sec INT64_MIN", vn);
#ifdef __i386__
		/* A 32-bit caller's tv_nsec is 32 bits: the upper half is padding. */
		HCASE(EBADF, x_send(v, -1, "x", 1, 0,
				    mkts(v, 1, (int64_t)0xffffffff00000005ull)),
		      "%s send: tv_nsec's upper 32 bits are ignored", vn);
#else
		HCASE(EINVAL, x_send(v, -1, "x", 1, 0,
				     mkts(v, 1, (int64_t)0xffffffff00000005ull)),
		      "%s send: tv_nsec is all 64 bits", vn);
#endif
	}
	for (i = 1; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_send(v, -1, "x", 1, 99999, h_badptr(i)),
		      "%s send timeout %s (checked first)", vn,
		      h_badptr_name(i));
	HCASE(EFAULT, x_send(v, qrw, "x", 1, 0, ts_straddle(v)),
	      "%s send timeout straddling PROT_NONE", vn);
}

static void test_receive(const struct ts_variant *v)
{
	const char *vn = v->name;
	char buf[64];
	unsigned int prio;
	int i;

	{
		const struct { int fd; const char *what; } fds[] = {
			{ -1, "-1" }, { closedfd, "a closed fd" },
			{ INT_MAX, "INT_MAX" }, { pipefd[0], "a pipe" },
			{ devnull, "/dev/null" }, { usock, "a socket" },
			{ mqdir, "the /dev/mqueue directory" },
			{ qpath, "an O_PATH fd of a queue" },
			{ qwo, "a write-only queue fd" },
		};

		for (i = 0; i < (int)(sizeof(fds) / sizeof(fds[0])); i++)
			HCASE(EBADF, x_recv(v, fds[i].fd, buf, sizeof(buf),
					    &prio, NULL),
			      "%s receive from %s", vn, fds[i].what);
	}
	HCASE(EMSGSIZE, x_recv(v, qrw, buf, MSGSIZE - 1, &prio, NULL),
	      "%s receive into msgsize-1 bytes", vn);
	HCASE(EMSGSIZE, x_recv(v, qrw, buf, 0, &prio, NULL),
	      "%s receive into 0 bytes", vn);
	HCASE(EMSGSIZE, x_recv(v, qrw, NULL, 0, NULL, NULL),
	      "%s receive into NULL, 0 bytes", vn);
	HCASE(EBADF, x_recv(v, qwo, buf, 0, &prio, NULL),
	      "%s receive: write-only is checked before the size", vn);
	HCASE(EAGAIN, x_recv(v, erw, buf, sizeof(buf), &prio, NULL),
	      "%s receive from an empty non-blocking queue", vn);
	HCASE(EAGAIN, x_recv(v, erw, NULL, SIZE_MAX, h_unmapped, NULL),
	      "%s receive from an empty queue into bad pointers", vn);
	HCASE(ETIMEDOUT, x_recv(v, eblk, buf, sizeof(buf), &prio,
				mkts(v, 1, 0)),
	      "%s receive from an empty queue, deadline in 1970", vn);
	{
		const int64_t bad_ts[][2] = {
			{ 0, -1 }, { 0, 1000000000 }, { -1, 0 }, { 0, INT32_MAX },
		};

		for (i = 0; i < 4; i++) {
			HCASE(EINVAL, x_recv(v, qrw, buf, sizeof(buf), &prio,
					     mkts(v, bad_ts[i][0], bad_ts[i][1])),
			      "%s receive with messages, timeout {%lld, %lld}",
			      vn, (long long)bad_ts[i][0],
			      (long long)bad_ts[i][1]);
			HCASE(EINVAL, x_recv(v, -1, NULL, 0, NULL,
					     mkts(v, bad_ts[i][0], bad_ts[i][1])),
			      "%s receive: timeout {%lld, %lld} checked first",
			      vn, (long long)bad_ts[i][0],
			      (long long)bad_ts[i][1]);
		}
	}
	for (i = 1; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_recv(v, -1, buf, sizeof(buf), &prio,
				     h_badptr(i)),
		      "%s receive timeout %s (checked first)", vn,
		      h_badptr_name(i));
	HCASE(EFAULT, x_recv(v, qrw, buf, sizeof(buf), &prio, ts_straddle(v)),
	      "%s receive timeout straddling PROT_NONE", vn);
}

/*
 * A receive whose copy-out faults: Linux drops the message, the module
 * keeps it at the head (Documentation/mqueue.md).  Both say EFAULT; the
 * queue is checked on the module only, on a scratch queue.
 */
static void test_receive_fault(const struct ts_variant *v)
{
	struct mq_attr a = { .mq_maxmsg = 2, .mq_msgsize = 8 };
	char buf[8];
	int i;
	long fd;

	for (i = 0; i < 3; i++) {
		struct mq_attr st;
		void *bufp = i == 0 ? NULL : i == 1 ? h_edge(2) : buf;
		void *prio = i == 2 ? h_unmapped : NULL;

		fd = x_open(NONAME, O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK,
			    0600, &a);
		if (fd < 0 || x_send(v, fd, "msg", 3, 5, NULL)) {
			CHECK(0, "%s receive fault setup: %s", v->name,
			      h_errname(errno));
			continue;
		}
		errno = 0;
		CHECK(x_recv(v, fd, bufp, 8, prio, NULL) == -1 &&
		      errno == EFAULT, "%s receive into %s is EFAULT", v->name,
		      i == 0 ? "NULL" : i == 1 ? "a buffer straddling PROT_NONE" :
		      "a good buffer with an unmapped prio pointer");
		h_cases++;
		if (on_module)
			CHECK(!x_getsetattr(fd, NULL, &st) && st.mq_curmsgs == 1 &&
			      x_recv(v, fd, buf, 8, NULL, NULL) == 3 &&
			      !memcmp(buf, "msg", 3),
			      "%s and the module kept the message", v->name);
		close(fd);
		x_unlink(NONAME);
	}
	CHECK(h_unchanged("receive faults"), "%s receive faults left no queue",
	      v->name);
}

/* --- mq_notify ----------------------------------------------------------------- */

static void test_notify(void)
{
	struct sigevent ev;
	char cookie[32] = { 0 };
	int i, status;
	pid_t pid;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	HCASE(EBADF, x_notify(-1, &ev), "mq_notify fd -1");
	HCASE(EBADF, x_notify(closedfd, &ev), "mq_notify a closed fd");
	HCASE(EBADF, x_notify(pipefd[0], &ev), "mq_notify a pipe");
	HCASE(EBADF, x_notify(mqdir, &ev), "mq_notify the directory");
	HCASE(EBADF, x_notify(qpath, &ev), "mq_notify an O_PATH fd");
	HCASE(EBADF, x_notify(-1, NULL), "mq_notify fd -1, NULL event");
	HCASE(EBADF, x_notify(devnull, NULL), "mq_notify /dev/null, NULL event");
	for (i = 1; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, x_notify(qrw, h_badptr(i)), "mq_notify event %s",
		      h_badptr_name(i));
#ifdef __i386__
	{
		/* The compat entry reads only the first 16 bytes, as Linux. */
		struct sigevent none = { .sigev_notify = SIGEV_NONE };

		memcpy(h_edge(16), &none, 16);
		CHECK(x_notify(qrw, h_edge(16)) == 0,
		      "ia32 mq_notify takes a sigevent cut after 16 bytes");
		CHECK(x_notify(qrw, NULL) == 0 && h_unchanged("16-byte sigevent"),
		      "and the registration is removed again");
		h_cases++;
		HCASE(EFAULT, x_notify(qrw, h_edge(12)),
		      "ia32 mq_notify sigevent cut after 12 bytes");
	}
#else
	HCASE(EFAULT, x_notify(qrw, h_edge(sizeof(ev) - 4)),
	      "mq_notify event straddling PROT_NONE");
#endif
	{
		static const int kinds[] = { 3, 4, -1, 99, INT_MAX, INT_MIN };

		for (i = 0; i < 6; i++) {
			ev.sigev_notify = kinds[i];
			HCASE(EINVAL, x_notify(qrw, &ev),
			      "mq_notify sigev_notify %d", kinds[i]);
			HCASE(EINVAL, x_notify(-1, &ev),
			      "mq_notify sigev_notify %d before the fd", kinds[i]);
		}
	}
	ev.sigev_notify = SIGEV_SIGNAL;
	{
		static const int signos[] = { 65, -1, INT_MAX, INT_MIN, 1000 };

		for (i = 0; i < 5; i++) {
			ev.sigev_signo = signos[i];
			HCASE(EINVAL, x_notify(qrw, &ev), "mq_notify signal %d",
			      signos[i]);
		}
	}
	/* FNAME holds our SIGEV_NONE registration (setup). */
	ev.sigev_signo = SIGUSR1;
	HCASE(EBUSY, x_notify(frw, &ev), "mq_notify a second registration");
	ev.sigev_notify = SIGEV_NONE;
	HCASE(EBUSY, x_notify(fblk, &ev),
	      "mq_notify a second registration through another fd");
	pid = fork();
	if (pid == 0) {
		int r1, e1, r2;

		errno = 0;
		r1 = x_notify(frw, &ev);
		e1 = errno;
		/* Not the owner: removal is silently nothing. */
		r2 = x_notify(frw, NULL);
		_exit(r1 == -1 && e1 == EBUSY && r2 == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	h_cases += 2;
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      h_unchanged("the child's mq_notify"),
	      "a child's registration is EBUSY, its removal removes nothing");
	CHECK(x_notify(qrw, NULL) == 0 && h_unchanged("removal of none"),
	      "removing a registration that does not exist changes nothing");

	/* SIGEV_THREAD: sigev_signo is the netlink socket, sival_ptr a cookie. */
	ev.sigev_notify = SIGEV_THREAD;
	ev.sigev_value.sival_ptr = cookie;
	ev.sigev_signo = -1;
	HCASE(EBADF, x_notify(qrw, &ev), "mq_notify SIGEV_THREAD socket -1");
	ev.sigev_signo = closedfd;
	HCASE(EBADF, x_notify(qrw, &ev), "mq_notify SIGEV_THREAD closed socket");
	ev.sigev_signo = pipefd[0];
	HCASE(ENOTSOCK, x_notify(qrw, &ev), "mq_notify SIGEV_THREAD on a pipe");
	ev.sigev_signo = qrw;
	HCASE(ENOTSOCK, x_notify(qrw, &ev),
	      "mq_notify SIGEV_THREAD on the queue itself");
	ev.sigev_signo = usock;
	HCASE(EINVAL, x_notify(qrw, &ev),
	      "mq_notify SIGEV_THREAD on a unix socket");
	ev.sigev_signo = nlsock;
	for (i = 0; i < H_BADPTR_COUNT; i++) {
		ev.sigev_value.sival_ptr = h_badptr(i);
		HCASE(EFAULT, x_notify(qrw, &ev),
		      "mq_notify SIGEV_THREAD cookie %s", h_badptr_name(i));
	}
	ev.sigev_value.sival_ptr = h_edge(16);
	HCASE(EFAULT, x_notify(qrw, &ev),
	      "mq_notify SIGEV_THREAD cookie straddling PROT_NONE");
	ev.sigev_value.sival_ptr = h_unmapped;
	ev.sigev_signo = -1;
	HCASE(EFAULT, x_notify(qrw, &ev),
	      "mq_notify SIGEV_THREAD: the cookie is read before the socket");
	ev.sigev_value.sival_ptr = cookie;
	ev.sigev_signo = nlsock;
	HCASE(EBADF, x_notify(-1, &ev),
	      "mq_notify SIGEV_THREAD good socket, fd -1");
	HCASE(EBUSY, x_notify(frw, &ev),
	      "mq_notify SIGEV_THREAD on a queue already registered");
	{
		char junk[64];

		CHECK(recv(nlsock, junk, sizeof(junk), MSG_DONTWAIT) == -1 &&
		      errno == EAGAIN,
		      "the refused registrations queued nothing on the socket");
	}
}

/* --- mq_getsetattr ------------------------------------------------------------- */

static void test_getsetattr(void)
{
	struct mq_attr na, old;
	int i;
	static const long bad_flags[] = { 1, O_RDWR, O_NONBLOCK | 1, -1,
					  LONG_MIN, O_CREAT, O_NONBLOCK << 1 };

	memset(&na, 0, sizeof(na));
	for (i = 0; i < 7; i++) {
		na.mq_flags = bad_flags[i];
		HCASE(EINVAL, x_getsetattr(qrw, &na, &old),
		      "mq_getsetattr flags %#lx", bad_flags[i]);
		HCASE(EINVAL, x_getsetattr(-1, &na, NULL),
		      "mq_getsetattr flags %#lx before the fd", bad_flags[i]);
	}
	na.mq_flags = O_NONBLOCK;
	HCASE(EBADF, x_getsetattr(-1, &na, &old), "mq_getsetattr fd -1");
	HCASE(EBADF, x_getsetattr(closedfd, NULL, &old),
	      "mq_getsetattr closed fd");
	HCASE(EBADF, x_getsetattr(pipefd[0], NULL, &old), "mq_getsetattr pipe");
	HCASE(EBADF, x_getsetattr(mqdir, NULL, &old),
	      "mq_getsetattr the directory");
	HCASE(EBADF, x_getsetattr(qpath, NULL, &old),
	      "mq_getsetattr O_PATH fd");
	for (i = 1; i < H_BADPTR_COUNT; i++) {
		HCASE(EFAULT, x_getsetattr(qrw, h_badptr(i), &old),
		      "mq_getsetattr new %s", h_badptr_name(i));
		HCASE(EFAULT, x_getsetattr(qrw, NULL, h_badptr(i)),
		      "mq_getsetattr old %s", h_badptr_name(i));
		HCASE(EFAULT, x_getsetattr(-1, h_badptr(i), NULL),
		      "mq_getsetattr new %s before the fd", h_badptr_name(i));
	}
	HCASE(EFAULT, x_getsetattr(qrw, h_edge(sizeof(na) - 4), NULL),
	      "mq_getsetattr new straddling PROT_NONE");
	HCASE(EFAULT, x_getsetattr(qrw, NULL, h_edge(sizeof(na) - 4)),
	      "mq_getsetattr old straddling PROT_NONE");
	/*
	 * Linux lets any descriptor of the queue read and set the flags; the
	 * module asks READ_ATTRIBUTES and WRITE_DATA of the handle
	 * (Documentation/mqueue.md).
	 */
	{
		struct mq_attr ro, wo;

		memset(&na, 0, sizeof(na));
		na.mq_flags = O_NONBLOCK;
		CHECK(!x_getsetattr(qro, NULL, &ro) &&
		      !x_getsetattr(qwo, &na, &wo) && ro.mq_curmsgs == 2 &&
		      wo.mq_curmsgs == 2 && h_unchanged("getsetattr on qro/qwo"),
		      "mq_getsetattr reads through read-only and write-only fds");
		if (on_module)
			HCASE(EACCES, x_getsetattr(qro, &na, NULL),
			      "mq_getsetattr setting flags through a read-only fd");
		else
			CHECK(!x_getsetattr(qro, &na, NULL) &&
			      h_unchanged("getsetattr set on qro"),
			      "mq_getsetattr sets flags through a read-only fd");
	}
	/* Valid flags with garbage elsewhere: only the flags are taken. */
	na.mq_flags = O_NONBLOCK;
	na.mq_maxmsg = -1;
	na.mq_msgsize = LONG_MAX;
	na.mq_curmsgs = 12345;
	CHECK(x_getsetattr(qrw, &na, NULL) == 0 &&
	      h_unchanged("getsetattr with garbage"),
	      "mq_getsetattr takes only mq_flags from the new attributes");
	h_cases++;
}

/* --- other calls on queue descriptors ------------------------------------------ */

static void test_fileops(void)
{
	char buf[64];
	struct pollfd pfd = { .fd = qrw, .events = POLLIN | POLLOUT };
	static const unsigned long cmds[] = {
		0, 0x1234, TCGETS, PEIOS_SEM_IOC_POST, PEIOS_SEM_IOC_GETVALUE,
		PEIOS_SEM_IOC_WAIT, FS_IOC_GETFLAGS, FS_IOC_GETVERSION,
		0xffffffff,
	};
	int i;

	HCASE(EINVAL, write(qrw, "x", 1), "write(2) to a queue fd");
	HCASE(EBADF, write(qro, "x", 1), "write(2) to a read-only queue fd");
	HCASE(EBADF, read(qwo, buf, sizeof(buf)),
	      "read(2) from a write-only queue fd");
	for (i = 0; i < H_BADPTR_COUNT; i++)
		HCASE(EFAULT, read(qrw, h_badptr(i), sizeof(buf)),
		      "read(2) a queue fd into %s", h_badptr_name(i));
	/* A read that faults part way returns what it copied, as Linux. */
	CHECK(pread(qrw, h_edge(4), sizeof(buf), 0) == 4 &&
	      h_unchanged("partial pread"),
	      "pread(2) into a buffer straddling PROT_NONE copies 4 bytes");
	h_cases++;
	HCASE(EINVAL, lseek(qrw, -1, SEEK_SET), "lseek(2) to -1");
	HCASE(EINVAL, lseek(qrw, 0, 99), "lseek(2) whence 99");
	HCASE(EINVAL, lseek(qrw, -1000, SEEK_CUR), "lseek(2) before 0");
	HCASE(EINVAL, pread(qrw, buf, sizeof(buf), -1), "pread(2) offset -1");
	for (i = 0; i < (int)(sizeof(cmds) / sizeof(cmds[0])); i++)
		HCASE(ENOTTY, ioctl(qrw, cmds[i], buf), "ioctl %#lx on a queue fd",
		      cmds[i]);
	HCASE(EFAULT, ioctl(qrw, FIONREAD, NULL), "ioctl FIONREAD into NULL");
	HCASE(EFAULT, ioctl(qrw, FIOQSIZE, h_unmapped),
	      "ioctl FIOQSIZE into unmapped memory");
	HCASE(EFAULT, syscall(__NR_poll, h_unmapped, 1, 0), "poll(2) unmapped fds");
	HCASE(EINVAL, syscall(__NR_poll, &pfd, (nfds_t)-1, 0), "poll(2) nfds huge");
	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == (POLLIN | POLLOUT) &&
	      h_unchanged("poll"), "poll(2) a queue with messages and room");
	pfd.fd = frw;
	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN,
	      "poll(2) a full queue");
	h_cases += 2;
}

/* --- sysctls ----------------------------------------------------------------- */

static long write_sysctl(const char *name, const void *text, size_t len,
			 off_t off)
{
	char path[64];
	long r;
	int fd, e;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	r = pwrite(fd, text, len, off);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

static void test_sysctls(void)
{
	static const char *const bad_min1[] = {
		"0", "-1", "65537", "2147483648", "-2147483649",
		"99999999999999999999", "abc", "1x", "--1", " ",
	};
	static const char *const bad_size[] = {
		"127", "0", "-1", "16777217", "4294967296", "abc",
	};
	int i, j;

	for (i = 1; i < NSYSCTLS; i++) {
		int sizes = i == 2 || i == 4;
		int n = sizes ? 6 : 10;


		for (j = 0; j < n; j++) {
			const char *t = sizes ? bad_size[j] : bad_min1[j];

			HCASE(EINVAL, write_sysctl(sysctls[i], t, strlen(t), 0),
			      "sysctl %s = \"%s\"", sysctls[i], t);
		}
		HCASE(EFAULT, write_sysctl(sysctls[i], NULL, 4, 0),
		      "sysctl %s written from NULL", sysctls[i]);
	}
	HCASE(EINVAL, write_sysctl("queues_max", "2147483648", 10, 0),
	      "sysctl queues_max = 2^31");
	HCASE(EINVAL, write_sysctl("queues_max", "abc", 3, 0),
	      "sysctl queues_max = abc");
	HCASE(EFAULT, write_sysctl("queues_max", h_unmapped, 4, 0),
	      "sysctl queues_max written from unmapped memory");
	/* Linux's queues_max has no lower bound: -1 is taken as it is. */
	{
		char old[32];
		int fd = open("/proc/sys/fs/mqueue/queues_max", O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, old, sizeof(old) - 1) : -1;

		if (fd >= 0)
			close(fd);
		old[n > 0 ? n : 0] = 0;
		long nq;

		CHECK(write_sysctl("queues_max", "-1", 2, 0) == 2,
		      "sysctl queues_max = -1 is accepted, as Linux");
		/* Compared unsigned: -1 is no limit at all. */
		nq = x_open(NONAME, O_CREAT | O_EXCL | O_RDWR, 0600, NULL);
		CHECK(nq >= 0, "and with queues_max -1 a queue is created");
		if (nq >= 0)
			close(nq);
		x_unlink(NONAME);
		write_sysctl("queues_max", old, strlen(old), 0);
		CHECK(h_unchanged("queues_max restore"), "queues_max restored");
		CHECK(write_sysctl("queues_max", "0", 1, 0) == 1,
		      "sysctl queues_max = 0 is accepted");
		h_baseline();
		HCASE(ENOSPC, x_open(NONAME, O_CREAT | O_RDWR, 0600, NULL),
		      "queues_max 0: mq_open O_CREAT is ENOSPC");
		{
			struct mq_attr bad = { .mq_maxmsg = 0, .mq_msgsize = 8 };

			HCASE(ENOSPC, x_open(NONAME, O_CREAT | O_RDWR, 0600,
					     &bad),
			      "queues_max 0: ENOSPC before the attr check");
		}
		write_sysctl("queues_max", old, strlen(old), 0);
		h_baseline();
	}
	/* Writes past the start are ignored (sysctl_writes_strict). */
	CHECK(write_sysctl("msg_max", "5", 1, 3) >= 0 &&
	      h_unchanged("sysctl write at offset 3"),
	      "sysctl msg_max written at offset 3 changes nothing");
	h_cases += 1;
}

/* --- random ---------------------------------------------------------------- */

/* Descriptors that can never be used for a successful call. */
static int rand_badfd(void)
{
	const int fds[] = { -1, closedfd, INT_MAX, pipefd[0], pipefd[1],
			    devnull, usock, mqdir, qpath, INT_MIN, 4096 };

	return fds[h_below(sizeof(fds) / sizeof(fds[0]))];
}

static int rand_mqfd(void)
{
	const int fds[] = { qrw, qro, qwo, frw, erw };

	return fds[h_below(5)];
}

static void *rand_ptr(void *good)
{
	switch (h_below(8)) {
	case 0: case 1: case 2: return h_badptr(h_below(H_BADPTR_COUNT));
	case 3: return h_edge(1 + h_below(64));
	default: return good;
	}
}

static const char *rand_badname(void)
{
	static char longname[NAME_MAX + 2];
	static const char *const names[] = {
		"", "/", "a/b", ".", "..", "/" QNAME, NULL, NULL, NULL, NULL,
	};
	unsigned int i = h_below(10);

	if (i == 6)
		return h_badptr(h_below(H_BADPTR_COUNT));
	if (i == 7)
		return h_unterminated(1 + h_below(400), 'r');
	if (i == 8) {
		memset(longname, 'L', NAME_MAX + 1);
		longname[NAME_MAX + 1] = 0;
		return longname;
	}
	if (i == 9)
		return h_edge(1 + h_below(300));	/* whatever is there */
	return names[i];
}

static long rand_len(void)
{
	const long lens[] = { 0, 1, MSGSIZE - 1, MSGSIZE, MSGSIZE + 1,
			      -1, LONG_MAX, LONG_MIN, 4096 };

	return h_below(4) ? lens[h_below(9)] : (long)h_rand();
}

static unsigned long rand_prio(void)
{
	const unsigned long p[] = { 0, 1, 32767, 32768, 0xffffffffu };

	return h_below(4) ? p[h_below(5)] : (unsigned long)h_rand();
}

static void *rand_ts(const struct ts_variant *v, int must_be_bad)
{
	const int64_t vals[] = { 0, 1, -1, 999999999, 1000000000, INT32_MAX,
				 INT32_MIN, INT64_MAX, INT64_MIN };
	int64_t sec, nsec;

	if (!must_be_bad) {
		switch (h_below(4)) {
		case 0: return NULL;
		case 1: return rand_ptr(NULL);
		case 2: return mkts(v, 1, 0);
		}
	} else if (h_below(4) == 0) {
		return h_badptr(1 + h_below(H_BADPTR_COUNT - 1));
	}
	do {
		sec = h_below(3) ? vals[h_below(9)] : (int64_t)h_rand();
		nsec = h_below(3) ? vals[h_below(9)] : (int64_t)h_rand();
		if (!v->ts64) {
			sec = (int32_t)sec;
			nsec = (int32_t)nsec;
		}
#ifdef __i386__
		else
			nsec = (int32_t)nsec;	/* the upper half is padding */
#endif
	} while (must_be_bad && sec >= 0 && nsec >= 0 && nsec < 1000000000);
	return mkts(v, sec, nsec);
}

static int rand_open(void)
{
	static const int flagbits[] = {
		O_CREAT, O_EXCL, O_NONBLOCK, O_TRUNC, O_APPEND, O_DIRECTORY,
		O_NOFOLLOW, O_CLOEXEC, O_SYNC, O_NOCTTY, O_ASYNC, O_LARGEFILE,
	};
	struct mq_attr attr = { .mq_maxmsg = (long)h_rand(),
				.mq_msgsize = (long)h_rand() };
	const void *name;
	long oflag = h_below(4), r;
	int i;

	for (i = 0; i < 12; i++)
		if (h_below(3) == 0)
			oflag |= flagbits[i];
	if (h_below(8) == 0)
		oflag = (long)(int)h_rand();
	oflag &= ~(long)O_PATH;
	/* Linux leaves a queue behind then: test_open_direct_create(). */
	if (!on_module)
		oflag &= ~(long)O_DIRECT;
	switch (h_below(4)) {
	case 0:	/* a bad name */
		name = rand_badname();
		break;
	case 1:	/* an existing name with O_CREAT|O_EXCL */
		name = h_below(2) ? QNAME : FNAME;
		oflag |= O_CREAT | O_EXCL;
		break;
	case 2:	/* a missing name without O_CREAT */
		name = NONAME;
		oflag &= ~(long)O_CREAT;
		break;
	default: /* a missing name, O_CREAT, attributes that cannot do */
		name = NONAME;
		oflag |= O_CREAT;
		if (h_below(2))
			attr.mq_maxmsg = h_below(2) ? 0 : 11 + h_below(1000);
		else
			attr.mq_msgsize = h_below(2) ? -(long)h_below(9) :
					  8193 + (long)h_below(1 << 20);
		if (attr.mq_maxmsg > 0 && attr.mq_maxmsg <= 10 &&
		    attr.mq_msgsize > 0 && attr.mq_msgsize <= 8192)
			attr.mq_maxmsg = -1;
		/* Never NULL here: that would create with the defaults. */
		r = x_open(name, oflag, (long)h_rand(), h_below(4) ? &attr :
			   h_badptr(1 + h_below(H_BADPTR_COUNT - 1)));
		if (r >= 0)
			close(r);
		return r;
	}
	r = x_open(name, oflag, (long)h_rand(), rand_ptr(&attr));
	if (r >= 0)
		close(r);
	return r;
}

static long rand_send(const struct ts_variant *v)
{
	char msg[MSGSIZE * 2] = "random";
	long fd = rand_mqfd(), len = rand_len();
	unsigned long prio = rand_prio();
	const void *buf = rand_ptr(msg), *ts = rand_ts(v, 0);

	switch (h_below(6)) {
	case 0: ts = rand_ts(v, 1); break;
	case 1: prio = 32768 + h_below(0x7fff8000u); break;
	case 2: fd = h_below(2) ? rand_badfd() : qro; break;
	case 3: len = MSGSIZE + 1 + h_below(1 << 30); break;
	case 4: buf = h_badptr(h_below(H_BADPTR_COUNT));
		if (!len)
			len = 1;
		break;
	default: fd = frw; break;	/* full, non-blocking */
	}
	/* frw is full, fd the others have room for a short message. */
	return x_send(v, fd, buf, len, prio, ts);
}

static long rand_recv(const struct ts_variant *v)
{
	char buf[MSGSIZE * 2];
	unsigned int prio;
	long fd = rand_mqfd(), len = rand_len();
	void *b = rand_ptr(buf), *p = rand_ptr(&prio);
	const void *ts = rand_ts(v, 0);

	/* A bad buffer must never meet a message: Linux drops it. */
	switch (h_below(4)) {
	case 0: ts = rand_ts(v, 1); break;
	case 1: fd = h_below(2) ? rand_badfd() : qwo; break;
	case 2: len = h_below(MSGSIZE);
		if (fd == erw)
			fd = qrw;
		break;
	default: fd = erw; break;	/* empty, non-blocking */
	}
	return x_recv(v, fd, b, len, p, ts);
}

static long rand_notify(void)
{
	struct sigevent ev;
	char cookie[32] = { 0 };
	long fd = rand_mqfd();

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = h_below(3) ? (int)h_below(4) : (int)h_rand();
	ev.sigev_signo = h_below(2) ? (int)h_below(70) : (int)h_rand();
	ev.sigev_value.sival_ptr = rand_ptr(cookie);
	/* Only the poisons on the descriptor survive a random event pointer. */
	switch (h_below(5)) {
	case 0: return x_notify(rand_badfd(), rand_ptr(&ev));
	case 1: return x_notify(fd, h_badptr(1 + h_below(4)));
	case 2: ev.sigev_notify = 3 + h_below(1000); break;
	case 3: ev.sigev_notify = SIGEV_SIGNAL;
		ev.sigev_signo = 65 + h_below(100000);
		break;
	default:	/* FNAME's registration is ours: EBUSY */
		if (ev.sigev_notify == SIGEV_THREAD)
			ev.sigev_signo = h_below(2) ? nlsock : usock;
		/* Never NULL here: that removes the registration. */
		return x_notify(h_below(2) ? frw : fblk, h_below(4) ? &ev :
				h_badptr(1 + h_below(H_BADPTR_COUNT - 1)));
	}
	return x_notify(fd, &ev);
}

static long rand_getsetattr(void)
{
	struct mq_attr na, old;
	long fd = rand_mqfd();
	void *np = &na, *op = rand_ptr(&old);

	memset(&na, 0, sizeof(na));
	na.mq_flags = fcntl(fd, F_GETFL) & O_NONBLOCK;
	na.mq_maxmsg = (long)h_rand();
	switch (h_below(3)) {
	case 0: na.mq_flags = (long)h_rand() | 1; break;
	case 1: fd = rand_badfd(); np = rand_ptr(&na); break;
	default: np = h_badptr(1 + h_below(4)); break;
	}
	return x_getsetattr(fd, np, op);
}

static long rand_fileop(void)
{
	char buf[64];
	/* No pipe, socket or /dev/null here: writes to those succeed. */
	const int others[] = { -1, closedfd, INT_MAX, INT_MIN, 4096, mqdir,
			       qpath };
	long fd = h_below(2) ? rand_mqfd() : others[h_below(7)];
	unsigned long cmd;

	switch (h_below(4)) {
	case 0: return write(fd, rand_ptr(buf), rand_len());
	case 1: return lseek(fd, -1 - (long)h_below(1 << 20), SEEK_SET);
	case 2: return lseek(fd, 0, 5 + h_below(100));	/* past SEEK_HOLE */
	default:
		/* Random commands; none of the VFS's generic ones. */
		do {
			cmd = h_below(2) ? (unsigned int)h_rand() :
			      _IOC(h_below(4), 0xE9, h_below(16), h_below(64));
		} while (!_IOC_TYPE(cmd) || _IOC_TYPE(cmd) == 0x15 ||
			 strchr("XfT\x89\x12$\x94", (int)_IOC_TYPE(cmd)));
		return ioctl(fd, cmd, rand_ptr(buf));
	}
}

static void test_random(void)
{
	static const char *const ops[] = { "mq_open", "mq_unlink", "send",
					   "receive", "mq_notify",
					   "mq_getsetattr", "file op" };
	static const int allowed[][8] = {
		{ EFAULT, ENOENT, EACCES, ENAMETOOLONG, EEXIST, EINVAL, ENOSPC },
		{ EFAULT, ENOENT, EACCES, ENAMETOOLONG },
		{ EINVAL, EFAULT, EBADF, EMSGSIZE, EAGAIN },
		{ EINVAL, EFAULT, EBADF, EMSGSIZE, EAGAIN },
		{ EINVAL, EFAULT, EBADF, EBUSY, ENOTSOCK },
		{ EINVAL, EFAULT, EBADF },
		{ EINVAL, EBADF, ENOTTY, EFAULT, ESPIPE },
	};
	long iters = h_iterations(2000), i, bad = 0;
	uint64_t seed = h_seed_init();

	for (i = 0; i < iters; i++) {
		const struct ts_variant *v = &variants[h_below(NVARIANTS)];
		int op = h_below(7), e;
		uint64_t state = h_rng;
		long r;

		errno = 0;
		switch (op) {
		case 0: r = rand_open(); break;
		case 1: r = x_unlink(h_below(2) ? rand_badname() : NONAME); break;
		case 2: r = rand_send(v); break;
		case 3: r = rand_recv(v); break;
		case 4: r = rand_notify(); break;
		case 5: r = rand_getsetattr(); break;
		default: r = rand_fileop(); break;
		}
		e = errno;
		h_cases++;
		h_random_cases++;
		if (r != -1 || !h_in(e, allowed[op], 8) ||
		    !h_unchanged(ops[op])) {
			bad++;
			printf("# random %ld (%s, rng state %#llx): got %ld, %s\n",
			       i, ops[op], (unsigned long long)state, r,
			       r == -1 ? h_errname(e) : "");
			if (r >= 0 || bad > 20)
				h_baseline();
		}
		if (bad > 20)
			break;
	}
	CHECK(!bad, "random: %ld calls (seed %llu), each rejected with an "
	      "allowed errno, nothing changed", i, (unsigned long long)seed);
}

int main(void)
{
	int i;

	h_setup_pointers();
	setup();
	printf("# %s on %s\n", variants[0].name,
	       on_module ? "the module" : "the kernel's own mqueue");
	test_names();
	test_open_args();
	test_open_accmode_create();
	test_open_direct_create();
	check_messages("names and mq_open");
	for (i = 0; i < NVARIANTS; i++) {
		test_send(&variants[i]);
		test_receive(&variants[i]);
		test_receive_fault(&variants[i]);
		check_messages(variants[i].name);
	}
	test_notify();
	test_getsetattr();
	test_fileops();
	check_messages("notify, getsetattr, file ops");
	test_sysctls();
	test_random();
	check_messages("random");
	x_unlink(QNAME);
	x_unlink(FNAME);
	x_unlink(ENAME);
	h_print_counts(variants[0].name);
	return tap_done();
}
