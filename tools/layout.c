// SPDX-License-Identifier: GPL-2.0
/*
 * layout: lays out used and free memory on a NUMA node the way hours of use
 * leave it, then sleeps until killed, so that the layout stays as it is
 * while the node eligible memory estimate is compared with the exact count.
 * Fills MIB MiB on the node, in base pages or (--thp) transparent huge pages,
 * then frees part of it:
 *   --drop random     a random half of the base pages;
 *   --drop periodic   the upper 128 KiB of every 256 KiB, after splitting
 *                     the huge pages of --thp to base pages (through
 *                     debugfs's split_huge_pages), so that the freed pages
 *                     are free rather than parts of huge pages;
 *   --drop none       nothing.
 * Prints "ready" and the number of pages it kept once the layout is made.
 *
 *   layout --mib MIB --node N --drop random|periodic|none [--thp] [--seed S]
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MPOL_BIND	2
#define MAX_NODES	64
#define PERIOD		(256 << 10)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int bind_to(int node)
{
	unsigned long mask = 1UL << node;

	return syscall(SYS_set_mempolicy, MPOL_BIND, &mask, MAX_NODES + 1);
}

/* Frees a random half of the pages of [area, area + size); returns the kept. */
static size_t drop_random(char *area, size_t size, long page_size)
{
	size_t i, kept = 0;

	for (i = 0; i < size; i += page_size) {
		if (random() & 1) {
			madvise(area + i, page_size, MADV_DONTNEED);
			continue;
		}
		kept++;
	}
	return kept;
}

/* Splits the huge pages of [area, area + size) to base pages. */
static int split_huge(char *area, size_t size)
{
	FILE *f = fopen("/sys/kernel/debug/split_huge_pages", "w");
	int err;

	if (!f)
		return -1;
	fprintf(f, "%d,0x%lx,0x%lx", getpid(), (unsigned long)area,
		(unsigned long)area + size);
	err = fclose(f);
	return err ? -1 : 0;
}

/* Frees the upper half of every PERIOD bytes; returns the pages kept. */
static size_t drop_periodic(char *area, size_t size, long page_size)
{
	size_t i;

	for (i = 0; i + PERIOD <= size; i += PERIOD)
		madvise(area + i + PERIOD / 2, PERIOD / 2, MADV_DONTNEED);
	return size / PERIOD * (PERIOD / 2 / page_size);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mib", required_argument, NULL, 'm' },
		{ "node", required_argument, NULL, 'n' },
		{ "drop", required_argument, NULL, 'd' },
		{ "thp", no_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	long page_size = sysconf(_SC_PAGESIZE);
	const char *drop = NULL;
	int node = -1, thp = 0, c;
	size_t size = 0, i, kept;
	char *area;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			size = strtoul(optarg, NULL, 0) << 20;
			break;
		case 'n':
			node = atoi(optarg);
			break;
		case 'd':
			drop = optarg;
			break;
		case 't':
			thp = 1;
			break;
		case 's':
			srandom(strtoul(optarg, NULL, 0));
			break;
		default:
			fprintf(stderr, "usage: see the comment at the top of %s\n", __FILE__);
			return 2;
		}
	}
	if (!size || node < 0 || node >= MAX_NODES || !drop ||
	    (strcmp(drop, "random") && strcmp(drop, "periodic") &&
	     strcmp(drop, "none"))) {
		fprintf(stderr, "--mib, --node and --drop random|periodic|none are needed\n");
		return 2;
	}
	if (bind_to(node)) {
		perror("set_mempolicy");
		return 1;
	}
	/* aligned to huge pages, so that --thp gets them from the start */
	area = mmap(NULL, size + (2 << 20), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	area = (char *)(((unsigned long)area + (2 << 20) - 1) & ~((2UL << 20) - 1));
	madvise(area, size, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	for (i = 0; i < size; i += page_size)
		area[i] = 1;
	if (!strcmp(drop, "random"))
		kept = drop_random(area, size, page_size);
	else if (!strcmp(drop, "periodic")) {
		if (thp && split_huge(area, size)) {
			perror("split_huge_pages");
			return 1;
		}
		kept = drop_periodic(area, size, page_size);
	}
	else
		kept = size / page_size;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("ready %zu pages kept\n", kept);
	fflush(stdout);
	while (!stop)
		pause();
	return 0;
}
