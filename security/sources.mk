# SPDX-License-Identifier: GPL-2.0
#
# Portable security core: the files that build unchanged into the kernel
# module, the host unit tests, the fuzz targets and the userspace tools.
# Names are relative to security/.  Kernel-only files (identity provider,
# hook) are not listed here.
PEIOS_SECURITY_SRCS := \
	sec_buf.c \
	sid.c \
	sid_text.c \
	acl.c \
	sd.c \
	sd_compact.c \
	sddl_tables.c \
	sddl.c \
	sddl_format.c \
	token.c \
	privilege.c \
	mic.c \
	pip.c \
	dacl.c \
	access_check.c \
	inherit.c \
	mode.c \
	sd_edit.c
