// SPDX-License-Identifier: GPL-2.0
/*
 * Reading and writing descriptors (sdio.h): getxattr/setxattr of
 * system.peios.sd, or plain files for work away from the kernel.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "sdio.h"

static int read_xattr(const char *path, u8 **sd, size_t *len)
{
	ssize_t size, got;
	u8 *buf;

	/* The SD may change between the probe and the read: retry on ERANGE. */
	for (;;) {
		size = getxattr(path, SD_XATTR, NULL, 0);
		if (size < 0)
			return -errno;
		buf = malloc(size ? size : 1);
		if (!buf)
			return -ENOMEM;
		got = getxattr(path, SD_XATTR, buf, size);
		if (got >= 0) {
			*sd = buf;
			*len = got;
			return 0;
		}
		free(buf);
		if (errno != ERANGE)
			return -errno;
	}
}

static int read_file(const char *path, u8 **sd, size_t *len)
{
	u8 *buf = malloc(PEIOS_SD_MAX_SIZE + 1);
	size_t got = 0;
	ssize_t n;
	int fd, ret = 0;

	if (!buf)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	while (got <= PEIOS_SD_MAX_SIZE &&
	       (n = read(fd, buf + got, PEIOS_SD_MAX_SIZE + 1 - got)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		got += n;
	}
	close(fd);
	/* A file larger than any SD cannot hold one. */
	if (!ret && got > PEIOS_SD_MAX_SIZE)
		ret = -EFBIG;
	if (ret) {
		free(buf);
		return ret;
	}
	*sd = buf;
	*len = got;
	return 0;
}

int sdio_read(const struct sd_target *t, u8 **sd, size_t *len)
{
	return t->is_file ? read_file(t->path, sd, len) :
			    read_xattr(t->path, sd, len);
}

static int write_file(const char *path, const u8 *sd, size_t len)
{
	size_t done = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (done < len) {
		n = write(fd, sd + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			close(fd);
			return (int)n;
		}
		done += n;
	}
	return close(fd) ? -errno : 0;
}

/* Control bits that belong to each component. */
static u16 comp_control(unsigned int comps)
{
	u16 c = PEIOS_SE_SELF_RELATIVE;

	if (comps & SD_COMP_OWNER)
		c |= PEIOS_SE_OWNER_DEFAULTED;
	if (comps & SD_COMP_GROUP)
		c |= PEIOS_SE_GROUP_DEFAULTED;
	if (comps & SD_COMP_DACL)
		c |= PEIOS_SE_DACL_PRESENT | PEIOS_SE_DACL_DEFAULTED |
		     PEIOS_SE_DACL_TRUSTED | PEIOS_SE_DACL_AUTO_INHERIT_REQ |
		     PEIOS_SE_DACL_AUTO_INHERITED | PEIOS_SE_DACL_PROTECTED;
	if (comps & SD_COMP_SACL)
		c |= PEIOS_SE_SACL_PRESENT | PEIOS_SE_SACL_DEFAULTED |
		     PEIOS_SE_SACL_AUTO_INHERIT_REQ |
		     PEIOS_SE_SACL_AUTO_INHERITED | PEIOS_SE_SACL_PROTECTED;
	return c;
}

int sd_select(const u8 *sd, size_t len, unsigned int comps, u8 **out,
	      size_t *out_len)
{
	struct peios_sd_parts parts = { 0 };
	struct peios_sd_view v;

	if (peios_sd_decode(sd, len, &v))
		return -EINVAL;
	parts.control = v.control & comp_control(comps);
	if (comps & SD_COMP_OWNER && v.has_owner)
		parts.owner = &v.owner;
	if (comps & SD_COMP_GROUP && v.has_group)
		parts.group = &v.group;
	if (comps & SD_COMP_DACL && v.has_dacl) {
		parts.dacl = v.dacl.raw;
		parts.dacl_len = v.dacl.size;
	}
	if (comps & SD_COMP_SACL && v.has_sacl) {
		parts.sacl = v.sacl.raw;
		parts.sacl_len = v.sacl.size;
	}
	return peios_sd_build(&parts, out, out_len);
}

int sdio_write(const struct sd_target *t, const u8 *sd, size_t len,
	       unsigned int comps)
{
	size_t part_len;
	u8 *part;
	int ret;

	if (t->is_file)
		return write_file(t->path, sd, len);
	if (comps == SD_COMP_ALL)
		return setxattr(t->path, SD_XATTR, sd, len, 0) ? -errno : 0;
	ret = sd_select(sd, len, comps, &part, &part_len);
	if (ret)
		return ret;
	ret = setxattr(t->path, SD_XATTR, part, part_len, 0) ? -errno : 0;
	free(part);
	return ret;
}
