/*
 * ntfs_plant - plant folders, files, alternate data streams and deleted files in an NTFS
 * volume image through libntfs-3g, without FUSE, mount or root.
 *
 *   ntfs_plant IMAGE SCRIPT
 *
 * SCRIPT holds one command per line, fields separated by TAB characters (paths use '/',
 * are relative to the volume root and may contain spaces):
 *
 *   mkdir  PATH  UNIXTIME              create a folder (no-op when it exists)
 *   file   PATH  SRC  UNIXTIME         create a file with the bytes of the host file SRC
 *   ads    PATH  STREAM  SRC           add the named $DATA stream STREAM to PATH
 *   rm     PATH                        delete a file: its MFT entry is left not-in-use
 *
 * UNIXTIME (seconds) becomes the creation, modification and access time of the new entry;
 * the MFT-change time is the current time (run the tool under faketime for fixed bytes).
 * Build: gcc -O2 -o ntfs_plant ntfs_plant.c -lntfs-3g   (Debian package ntfs-3g-dev)
 */
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ntfs-3g/types.h>
#include <ntfs-3g/attrib.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/logging.h>
#include <ntfs-3g/unistr.h>
#include <ntfs-3g/volume.h>

#define NTFS_EPOCH_OFFSET 116444736000000000ULL /* 1601-01-01 to 1970-01-01 in 100 ns */

static ntfs_volume *vol;
static int lineno;

static void fail(const char *what, const char *path)
{
	fprintf(stderr, "ntfs_plant: line %d: %s %s: %s\n", lineno, what, path ? path : "",
		strerror(errno));
	if (vol)
		ntfs_umount(vol, FALSE);
	exit(1);
}

/* "/a/b/c" -> parent "/a/b" (or "/") and leaf "c"; both point into buffers owned by the caller. */
static void split_path(const char *path, char *parent, size_t size, const char **leaf)
{
	const char *slash = strrchr(path, '/');
	size_t len = (size_t)(slash - path);

	if (len == 0)
		len = 1; /* the root folder */
	if (len >= size) {
		errno = ENAMETOOLONG;
		fail("path too long", path);
	}
	memcpy(parent, path, len);
	parent[len] = '\0';
	*leaf = slash + 1;
}

static void set_times(ntfs_inode *ni, long long unix_seconds, const char *path)
{
	u64 times[3];
	u64 value = (u64)unix_seconds * 10000000ULL + NTFS_EPOCH_OFFSET;

	times[0] = times[1] = times[2] = value; /* creation, data change, access */
	if (ntfs_inode_set_times(ni, (const char *)times, sizeof(times), 0))
		fail("cannot set the times of", path);
}

static unsigned char *read_host_file(const char *src, s64 *size)
{
	FILE *f = fopen(src, "rb");
	unsigned char *buf;
	long len;

	if (!f)
		fail("cannot open the source file", src);
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		fail("cannot size the source file", src);
	buf = malloc(len ? (size_t)len : 1);
	if (!buf || (len && fread(buf, 1, (size_t)len, f) != (size_t)len))
		fail("cannot read the source file", src);
	fclose(f);
	*size = len;
	return buf;
}

static void write_stream(ntfs_inode *ni, ntfschar *name, int name_len, const char *src, const char *path)
{
	s64 size, done = 0;
	unsigned char *buf = read_host_file(src, &size);
	ntfs_attr *na = ntfs_attr_open(ni, AT_DATA, name, (u32)name_len);

	if (!na)
		fail("cannot open the data stream of", path);
	while (done < size) {
		s64 written = ntfs_attr_pwrite(na, done, size - done, buf + done);
		if (written <= 0)
			fail("cannot write", path);
		done += written;
	}
	ntfs_attr_close(na);
	free(buf);
}

static ntfs_inode *create(const char *path, mode_t type, long long when)
{
	char parent_path[4096];
	const char *leaf;
	ntfschar *uname = NULL;
	int ulen;
	ntfs_inode *dir_ni, *ni;

	split_path(path, parent_path, sizeof(parent_path), &leaf);
	dir_ni = ntfs_pathname_to_inode(vol, NULL, parent_path);
	if (!dir_ni)
		fail("no parent folder for", path);
	ulen = ntfs_mbstoucs(leaf, &uname);
	if (ulen <= 0)
		fail("cannot convert the name", path);
	ni = ntfs_create(dir_ni, const_cpu_to_le32(0), uname, (u8)ulen, type);
	if (!ni)
		fail("cannot create", path);
	set_times(ni, when, path);
	free(uname);
	if (ntfs_inode_close(dir_ni))
		fail("cannot close the parent of", path);
	return ni;
}

static void do_mkdir(const char *path, long long when)
{
	ntfs_inode *ni = ntfs_pathname_to_inode(vol, NULL, path);

	if (!ni)
		ni = create(path, S_IFDIR, when);
	if (ntfs_inode_close(ni))
		fail("cannot close", path);
}

static void do_file(const char *path, const char *src, long long when)
{
	ntfs_inode *ni = create(path, S_IFREG, when);

	write_stream(ni, AT_UNNAMED, 0, src, path);
	set_times(ni, when, path); /* the write moved the modification time */
	if (ntfs_inode_close(ni))
		fail("cannot close", path);
}

static void do_ads(const char *path, const char *stream, const char *src)
{
	ntfschar *uname = NULL;
	int ulen;
	ntfs_inode *ni = ntfs_pathname_to_inode(vol, NULL, path);

	if (!ni)
		fail("no such file", path);
	ulen = ntfs_mbstoucs(stream, &uname);
	if (ulen <= 0)
		fail("cannot convert the stream name", stream);
	if (ntfs_attr_add(ni, AT_DATA, uname, (u8)ulen, NULL, 0))
		fail("cannot add the stream to", path);
	write_stream(ni, uname, ulen, src, path);
	free(uname);
	if (ntfs_inode_close(ni))
		fail("cannot close", path);
}

static void do_rm(const char *path)
{
	char parent_path[4096];
	const char *leaf;
	ntfschar *uname = NULL;
	int ulen;
	ntfs_inode *ni, *dir_ni;

	split_path(path, parent_path, sizeof(parent_path), &leaf);
	ni = ntfs_pathname_to_inode(vol, NULL, path);
	dir_ni = ntfs_pathname_to_inode(vol, NULL, parent_path);
	if (!ni || !dir_ni)
		fail("no such file", path);
	ulen = ntfs_mbstoucs(leaf, &uname);
	if (ulen <= 0)
		fail("cannot convert the name", path);
	if (ntfs_delete(vol, path, ni, dir_ni, uname, (u8)ulen)) /* closes ni */
		fail("cannot delete", path);
	free(uname);
	if (ntfs_inode_close(dir_ni))
		fail("cannot close the parent of", path);
}

/* Fields of a TAB-separated line, in place; returns the number of fields. */
static int fields(char *line, char **out, int max)
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		out[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}

int main(int argc, char **argv)
{
	char line[16384], path[8192];
	char *f[5];
	FILE *script;
	int n;

	if (argc != 3) {
		fprintf(stderr, "usage: %s IMAGE SCRIPT\n", argv[0]);
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	ntfs_log_set_handler(ntfs_log_handler_stderr);
	script = fopen(argv[2], "r");
	if (!script)
		fail("cannot open the script", argv[2]);
	vol = ntfs_mount(argv[1], NTFS_MNT_NONE);
	if (!vol)
		fail("cannot open the NTFS volume", argv[1]);
	while (fgets(line, sizeof(line), script)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = fields(line, f, 5);
		if (n < 2) {
			errno = EINVAL;
			fail("bad command", line);
		}
		snprintf(path, sizeof(path), "/%s", f[1][0] == '/' ? f[1] + 1 : f[1]);
		if (!strcmp(f[0], "mkdir") && n == 3)
			do_mkdir(path, atoll(f[2]));
		else if (!strcmp(f[0], "file") && n == 4)
			do_file(path, f[2], atoll(f[3]));
		else if (!strcmp(f[0], "ads") && n == 4)
			do_ads(path, f[2], f[3]);
		else if (!strcmp(f[0], "rm") && n == 2)
			do_rm(path);
		else {
			errno = EINVAL;
			fail("bad command", f[0]);
		}
	}
	fclose(script);
	if (ntfs_umount(vol, FALSE)) {
		vol = NULL;
		fail("cannot close the volume", argv[1]);
	}
	return 0;
}
